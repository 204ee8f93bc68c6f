package dev.signaling.dialect.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.signaling.core.SignalingException;

/**
 * Our scanner replaced a Jackson parser per frame; clients must not see the difference. Every input here is read by
 * {@link JsonObjectText#parse} and by a reference reader built on Jackson's default parser (what the server used
 * before), and both must give the same verdict (the same error code, or the same members with the same names, kinds,
 * texts and verbatim cuts). The inputs are seed-protocol frames, every prefix of them, and hundreds of thousands of
 * random edits of them with a fixed seed, so a failure names an input that can be replayed.
 */
class JsonScannerAgreesWithJacksonTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    private static final List<String> FRAMES = List.of(
            "{\"type\":\"login\",\"name\":\"alice\"}",
            "{\"type\":\"offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 46117 2 IN IP4 127.0.0.1\\r\\n\"},"
                    + "\"name\":\"bob\"}",
            "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ "
                    + "host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"name\":\"bob\"}",
            " { \"type\" : \"join\" , \"id\" : 12 , \"payload\" : { \"nick\" : \"\\u00e9l\\u00e8ve\" } } ",
            "{\"type\":\"answer\",\"receiverId\":-0,\"n\":[1.5e-3,2E+7,0.25,-1,true,false,null,[],{}]}",
            "{\"a\\\"b\":\"x\\\\y\\/z\\b\\f\\n\\r\\t\",\"\\ud83d\\ude00\":\"\\uD83D\",\"e\":\"\u00e9\u4e2d\"}",
            "[1,2,{\"a\":[]}]", "\"just a string\"", "42", "-3.5e2", "true", "null", "{}", "[]");

    /** Characters that make and break JSON, and a few that are neither. */
    private static final String ALPHABET = "{}[]:,\"\\/ \t\n\r0123456789-+.eEabfnrtuxlsTFN\u0000\u001f\u007f\u00a0\u00e9\u2028";

    @Test
    void everyFramePrefixAndRandomEditGetsTheSameVerdict() {
        for (String frame : FRAMES) {
            for (int end = 0; end <= frame.length(); end++) {
                assertSameVerdict(frame.substring(0, end));
            }
        }
        Random random = new Random(20261202L);
        for (int i = 0; i < 300_000; i++) {
            String frame = FRAMES.get(random.nextInt(FRAMES.size()));
            assertSameVerdict(mutate(frame, random));
        }
    }

    @Test
    void randomTextsOfJsonCharactersGetTheSameVerdict() {
        Random random = new Random(7L);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "{\"" : "");
            int length = random.nextInt(24);
            for (int k = 0; k < length; k++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertSameVerdict(text.toString());
        }
    }

    @Test
    void nestingIsAcceptedToJacksonsLimitAndRefusedBeyondIt() {
        for (int depth : new int[] { JsonScanner.MAX_DEPTH - 1, JsonScanner.MAX_DEPTH, JsonScanner.MAX_DEPTH + 1, 30_000 }) {
            assertSameVerdict("[".repeat(depth) + "]".repeat(depth));
            assertSameVerdict("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
            assertSameVerdict("{\"data\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
        }
    }

    private static void assertSameVerdict(String text) {
        assertEquals(jackson(text), ours(text), () -> "verdicts differ for " + escape(text));
    }

    private static String ours(String text) {
        try {
            JsonObjectText frame = JsonObjectText.parse(text);
            List<String> members = new ArrayList<>();
            for (JsonObjectText.Member m : frame.members()) {
                members.add(describe(m.name(), m.kind(), m.text(), m.rawValue(), m.rawMember())
                        + (m.isNamed(m.name()) ? "" : " (isNamed disagrees with name)")
                        + (frame.last(m.name()) != null ? "" : " (last finds nothing)"));
            }
            return members.toString();
        } catch (SignalingException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    /** The reader the server had before our scanner: Jackson's default parser over the whole frame. */
    private static String jackson(String text) {
        try (JsonParser parser = JACKSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "INVALID_JSON: Invalid JSON";
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return parser.nextToken() == null ? "INVALID_MESSAGE: Invalid message: expected a JSON object"
                        : "INVALID_JSON: Invalid JSON";
            }
            List<String> members = new ArrayList<>();
            int scanned = JsonObjectText.tokenStart(parser) + 1;
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                int memberStart = scanned;
                while (", \t\n\r".indexOf(text.charAt(memberStart)) >= 0) {
                    memberStart++;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int valueStart = JsonObjectText.tokenStart(parser);
                String scalar = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                parser.skipChildren();
                int end = JsonObjectText.valueEnd(parser, text, valueStart);
                members.add(describe(name, kind(value), scalar, text.substring(valueStart, end),
                        text.substring(memberStart, end)));
                scanned = end;
            }
            return parser.nextToken() == null ? members.toString() : "INVALID_JSON: Invalid JSON";
        } catch (JsonProcessingException e) {
            return "INVALID_JSON: Invalid JSON";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObjectText.Kind kind(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> JsonObjectText.Kind.STRING;
            case VALUE_NUMBER_INT -> JsonObjectText.Kind.INTEGER;
            case VALUE_NUMBER_FLOAT -> JsonObjectText.Kind.FLOAT;
            case VALUE_TRUE -> JsonObjectText.Kind.TRUE;
            case VALUE_FALSE -> JsonObjectText.Kind.FALSE;
            case VALUE_NULL -> JsonObjectText.Kind.NULL;
            case START_OBJECT -> JsonObjectText.Kind.OBJECT;
            case START_ARRAY -> JsonObjectText.Kind.ARRAY;
            default -> throw new AssertionError(token);
        };
    }

    private static String describe(String name, JsonObjectText.Kind kind, String text, String raw, String member) {
        return escape(name) + "|" + kind + "|" + (text == null ? "(none)" : escape(text)) + "|" + escape(raw) + "|"
                + escape(member);
    }

    private static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, c);
                default -> out.setCharAt(at, c);
            }
        }
        return out.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
