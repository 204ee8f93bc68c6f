package dev.signaling.dialect.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
     * One member. {@code text} is the value of a string, number or boolean (null for null, objects and arrays);
     * {@code rawValue} is the value's JSON text and {@code rawMember} the whole {@code "name":value} text.
     */
    public record Member(String name, JsonToken token, String text, String rawValue, String rawMember) {
        public boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }

        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    private final List<Member> members;

    private JsonObjectText(List<Member> members) {
        this.members = members;
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
            JsonToken token = parser.nextToken();
            while (token != JsonToken.END_OBJECT) {
                int memberStart = offset(parser);
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int valueStart = offset(parser);
                String scalar = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                parser.skipChildren();
                token = parser.nextToken();
                int end = valueEnd(text, valueStart, offset(parser));
                members.add(new Member(name, value, scalar, text.substring(valueStart, end),
                        text.substring(memberStart, end)));
            }
            requireEnd(parser);
            return new JsonObjectText(List.copyOf(members));
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
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    private static int offset(JsonParser parser) {
        return (int) parser.currentTokenLocation().getCharOffset();
    }

    /**
     * Where a JSON value that starts at {@code start} ends, given where the parser found the next token: that
     * position, less the separator and whitespace before it. Every streaming reader of ours that cuts values out of
     * a frame verbatim (here, {@code SignalCodec}, {@code SocketIoCodec}) uses this.
     */
    public static int valueEnd(String text, int start, int nextTokenStart) {
        int end = nextTokenStart;
        while (end > start) {
            char c = text.charAt(end - 1);
            if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new SignalingException(ErrorCode.INVALID_JSON, "Invalid JSON");
        }
    }
}
