package dev.signaling.dialect.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;

/**
 * The top-level members of a frame that must be one JSON object, each kept as the text the client wrote. The
 * seed-compatible codecs pass parts of a client's message on untouched (an SDP, a whole mesh message), so they need
 * the raw text of values rather than a tree that would be re-serialized. One streaming pass, no reflection.
 * <p>
 * Members keep their order and duplicates; {@link #last} follows JavaScript's {@code JSON.parse}, where the last
 * duplicate wins, so we read a frame the way the seed servers and their clients do.
 */
public final class JsonObjectText {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One member. {@link #text} is the value of a string, number or boolean (null for null, objects and arrays);
     * {@link #rawValue} is the value's JSON text and {@link #rawMember} the whole {@code "name":value} text. The two
     * raw texts are cut from the frame only when asked for: most members are only read as {@code text}, and a
     * relayed frame is read on every message.
     */
    public static final class Member {
        private final String name;
        private final JsonToken token;
        private final String text;
        private final String frame;
        private final int memberStart;
        private final int valueStart;
        private final int valueEnd;

        Member(String name, JsonToken token, String text, String frame, int memberStart, int valueStart, int valueEnd) {
            this.name = name;
            this.token = token;
            this.text = text;
            this.frame = frame;
            this.memberStart = memberStart;
            this.valueStart = valueStart;
            this.valueEnd = valueEnd;
        }

        public String name() {
            return name;
        }

        public JsonToken token() {
            return token;
        }

        public String text() {
            return text;
        }

        public String rawValue() {
            return frame.substring(valueStart, valueEnd);
        }

        public String rawMember() {
            return frame.substring(memberStart, valueEnd);
        }

        public boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }

        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    private final List<Member> members;

    private JsonObjectText(List<Member> members) {
        this.members = Collections.unmodifiableList(members);
    }

    /** Reads {@code text}; throws {@link SignalingException} if it is not JSON or not an object. */
    public static JsonObjectText parse(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SignalingException(ErrorCode.INVALID_JSON, "Invalid JSON");
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                requireEnd(parser);
                throw new SignalingException(ErrorCode.INVALID_MESSAGE, "Invalid message: expected a JSON object");
            }
            List<Member> members = new ArrayList<>();
            int scanned = tokenStart(parser) + 1; // just past the '{'
            JsonToken token = parser.nextToken();
            while (token != JsonToken.END_OBJECT) {
                int memberStart = skipSeparators(text, scanned);
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int valueStart = tokenStart(parser);
                String scalar = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                parser.skipChildren();
                int end = valueEnd(parser, text, valueStart);
                members.add(new Member(name, value, scalar, text, memberStart, valueStart, end));
                scanned = end;
                token = parser.nextToken();
            }
            requireEnd(parser);
            return new JsonObjectText(members);
        } catch (JsonProcessingException e) {
            throw new SignalingException(ErrorCode.INVALID_JSON, "Invalid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
    }

    /** Every member, in the order written. */
    public List<Member> members() {
        return members;
    }

    /** The last member called {@code name}, or null if there is none. */
    public Member last(String name) {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i).name().equals(name)) {
                return members.get(i);
            }
        }
        return null;
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        return appendQuoted(new StringBuilder(s.length() + 8), s).toString();
    }

    /** Appends {@code s} as a JSON string literal, quotes included, to {@code out}; returns {@code out}. */
    public static StringBuilder appendQuoted(StringBuilder out, String s) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        return out.append('"');
    }

    /**
     * Where the parser's current token starts in the text it reads; not for field names. Jackson's
     * {@code currentTokenLocation()} would build a location object per call, and our readers ask several times per
     * frame of every message; every parser made from a String is a {@link ParserBase}, whose token offset is one past
     * the token's first character.
     */
    public static int tokenStart(JsonParser parser) {
        return (int) ((ParserBase) parser).getTokenCharacterOffset() - 1;
    }

    /**
     * Where the value that starts at {@code start} ends (exclusive), with the parser on that value's last token: a
     * scalar, or the closing bracket after {@code skipChildren()}. Every streaming reader of ours that cuts values out
     * of a frame verbatim (here, {@code SignalCodec}, {@code SocketIoCodec}) uses this.
     */
    public static int valueEnd(JsonParser parser, String text, int start) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            return tokenStart(parser) + 1;
        }
        int i = start + 1;
        if (token == JsonToken.VALUE_STRING) {
            parser.finishToken(); // Jackson reads strings lazily: this checks the string before we walk it
            while (text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }
        // A number, true, false or null: Jackson has checked its characters, so it ends at the first delimiter.
        while (i < text.length() && ",}] \t\n\r".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /** The first character at or after {@code from} that is neither whitespace nor a comma. */
    private static int skipSeparators(String text, int from) {
        int i = from;
        while (i < text.length() && ", \t\n\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new SignalingException(ErrorCode.INVALID_JSON, "Invalid JSON");
        }
    }
}
