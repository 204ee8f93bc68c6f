package dev.signaling.dialect.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;

/**
 * The top-level members of a frame that must be one JSON object, each kept as the text the client wrote. The
 * seed-compatible codecs pass parts of a client's message on untouched (an SDP, a whole mesh message), so they need
 * the raw text of values rather than a tree that would be re-serialized. One pass of our own {@link JsonScanner}, which
 * only records where each member starts and ends: names, string values and raw texts are cut from the frame when a
 * codec asks for them, and a relayed frame is read on every message.
 * <p>
 * Members keep their order and duplicates; {@link #last} follows JavaScript's {@code JSON.parse}, where the last
 * duplicate wins, so we read a frame the way the seed servers and their clients do.
 */
public final class JsonObjectText {

    /** What a member's value is. */
    public enum Kind {
        STRING, INTEGER, FLOAT, TRUE, FALSE, NULL, OBJECT, ARRAY
    }

    /**
     * One member. {@link #text} is the value of a string, number or boolean (null for null, objects and arrays);
     * {@link #rawValue} is the value's JSON text and {@link #rawMember} the whole {@code "name":value} text.
     */
    public static final class Member {
        private final String frame;
        private final Kind kind;
        private final int memberStart; // the name's opening quote
        private final int nameEnd; // just past the name's closing quote
        private final boolean nameEscaped;
        private final int valueStart;
        private final int valueEnd;
        private final boolean valueEscaped;
        private String name; // decoded when first asked for
        private String text;

        Member(String frame, int memberStart, int nameEnd, boolean nameEscaped, Kind kind, int valueStart,
                int valueEnd, boolean valueEscaped) {
            this.frame = frame;
            this.memberStart = memberStart;
            this.nameEnd = nameEnd;
            this.nameEscaped = nameEscaped;
            this.kind = kind;
            this.valueStart = valueStart;
            this.valueEnd = valueEnd;
            this.valueEscaped = valueEscaped;
        }

        public String name() {
            if (name == null) {
                name = JsonScanner.decode(frame, memberStart, nameEnd, nameEscaped);
            }
            return name;
        }

        /** Whether this member is called {@code wanted}; compares in place, without cutting the name out. */
        public boolean isNamed(String wanted) {
            if (nameEscaped) {
                return name().equals(wanted);
            }
            int length = nameEnd - memberStart - 2;
            return length == wanted.length() && frame.regionMatches(memberStart + 1, wanted, 0, length);
        }

        public Kind kind() {
            return kind;
        }

        public String text() {
            if (text == null) {
                text = switch (kind) {
                    case STRING -> JsonScanner.decode(frame, valueStart, valueEnd, valueEscaped);
                    case INTEGER, FLOAT, TRUE, FALSE -> rawValue();
                    default -> null;
                };
            }
            return text;
        }

        public String rawValue() {
            return frame.substring(valueStart, valueEnd);
        }

        public String rawMember() {
            return frame.substring(memberStart, valueEnd);
        }

        /** Appends {@link #rawMember} to {@code out} without cutting it out of the frame first. */
        public StringBuilder appendRawMember(StringBuilder out) {
            return out.append(frame, memberStart, valueEnd);
        }

        public boolean isString() {
            return kind == Kind.STRING;
        }

        public boolean isNull() {
            return kind == Kind.NULL;
        }
    }

    private final String text;
    private final List<Member> members;

    private JsonObjectText(String text, List<Member> members) {
        this.text = text;
        this.members = Collections.unmodifiableList(members);
    }

    /** Reads {@code text}; throws {@link SignalingException} if it is not JSON or not an object. */
    public static JsonObjectText parse(String text) {
        JsonScanner scan = new JsonScanner(text);
        if (scan.skipWhitespace() != '{') {
            scan.value(0); // the whole text must still be JSON, or the client is told it is not
            scan.expectEnd();
            throw new SignalingException(ErrorCode.INVALID_MESSAGE, "Invalid message: expected a JSON object");
        }
        List<Member> members = new ArrayList<>(4);
        scan.object(1, members);
        scan.expectEnd();
        return new JsonObjectText(text, members);
    }

    /** The length of the frame's text: what a codec that copies most of the frame sizes its buffer by. */
    public int length() {
        return text.length();
    }

    /** Every member, in the order written. */
    public List<Member> members() {
        return members;
    }

    /** The last member called {@code name}, or null if there is none. */
    public Member last(String name) {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i).isNamed(name)) {
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
     * scalar, or the closing bracket after {@code skipChildren()}. For the readers of ours that walk a frame with a
     * Jackson parser and cut values out of it verbatim ({@code SignalCodec}, {@code SocketIoCodec}).
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
}
