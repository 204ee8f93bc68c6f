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
import com.fasterxml.jackson.core.base.ParserBase;

import dev.signaling.core.SignalingException;

/**
 * Our scanner replaced a Jackson parser per frame; clients must not see the difference. Every input here is read by
 * {@link JsonObjectText#parse} and {@link JsonArrayText#read} and by reference readers built on Jackson's default
 * parser (what the server used before), and both must give the same verdict (the same error, or the same members and
 * elements with the same names, kinds, texts and verbatim cuts). The inputs are seed-protocol frames, every prefix of
 * them, and hundreds of thousands of random edits of them with a fixed seed, so a failure names an input that can be
 * replayed.
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
            "[\"offer\",{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"},\"room1\"]",
            " [ \"joinRoom\" , { \"username\" : \"al\\u00e9\" , \"room\" : \"r\" } ] ",
            "[\"message\",\"a,b\\\"]\",[1,[2]],-0.5E-2,true,false,null]",
            "[1,2,{\"a\":[]}]", "\"just a string\"", "42", "-3.5e2", "true", "null", "{}", "[]");

    /** How random texts start: most of them should get past the first character of an object or an array. */
    private static final String[] STARTS = { "", "{\"", "[\"", "[" };

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
            StringBuilder text = new StringBuilder(STARTS[random.nextInt(STARTS.length)]);
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
        assertEquals(jacksonArray(text), oursArray(text), () -> "array verdicts differ for " + escape(text));
    }

    private static String oursArray(String text) {
        try {
            List<String> elements = new ArrayList<>();
            for (JsonValueText e : JsonArrayText.read(text).elements()) {
                elements.add(describe("", e.kind(), e.text(), e.rawValue(), e.rawValue()));
            }
            return elements.toString();
        } catch (JsonTextException e) {
            // Jackson cannot tell "[] x" (trailing data) from "[] ]" (a syntax error): compared as one verdict
            return e.reason() == JsonTextException.Reason.NOT_AN_ARRAY ? "not an array" : "not JSON";
        }
    }

    /** The array reader the Socket.IO codec had before our scanner. */
    private static String jacksonArray(String text) {
        try (JsonParser parser = JACKSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "not JSON";
            }
            if (first != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return parser.nextToken() == null ? "not an array" : "not JSON";
            }
            List<String> elements = new ArrayList<>();
            JsonToken value;
            while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                int start = tokenStart(parser);
                String scalar = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                parser.skipChildren();
                String raw = text.substring(start, valueEnd(parser, text, start));
                elements.add(describe("", kind(value), scalar, raw, raw));
            }
            return parser.nextToken() == null ? elements.toString() : "not JSON";
        } catch (JsonProcessingException e) {
            return "not JSON";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Where the parser's current token starts; a parser made from a String is a ParserBase (offset one past it). */
    private static int tokenStart(JsonParser parser) {
        return (int) ((ParserBase) parser).getTokenCharacterOffset() - 1;
    }

    /** Where the value that starts at {@code start} ends, with the parser on its last token (after skipChildren). */
    private static int valueEnd(JsonParser parser, String text, int start) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            return tokenStart(parser) + 1;
        }
        int i = start + 1;
        if (token == JsonToken.VALUE_STRING) {
            parser.finishToken(); // strings are read lazily: check this one before walking it
            while (text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }
        while (i < text.length() && ",}] \t\n\r".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
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
            int scanned = tokenStart(parser) + 1;
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                int memberStart = scanned;
                while (", \t\n\r".indexOf(text.charAt(memberStart)) >= 0) {
                    memberStart++;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int valueStart = tokenStart(parser);
                String scalar = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                parser.skipChildren();
                int end = valueEnd(parser, text, valueStart);
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

    private static JsonValueText.Kind kind(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> JsonValueText.Kind.STRING;
            case VALUE_NUMBER_INT -> JsonValueText.Kind.INTEGER;
            case VALUE_NUMBER_FLOAT -> JsonValueText.Kind.FLOAT;
            case VALUE_TRUE -> JsonValueText.Kind.TRUE;
            case VALUE_FALSE -> JsonValueText.Kind.FALSE;
            case VALUE_NULL -> JsonValueText.Kind.NULL;
            case START_OBJECT -> JsonValueText.Kind.OBJECT;
            case START_ARRAY -> JsonValueText.Kind.ARRAY;
            default -> throw new AssertionError(token);
        };
    }

    private static String describe(String name, JsonValueText.Kind kind, String text, String raw, String member) {
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
