package dev.signaling.dialect.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;

/**
 * The verbatim cuts the seed codecs rely on: a relayed SDP or a whole mesh member must come out exactly as the client
 * wrote it, whatever the whitespace, escapes and nesting around it.
 */
class JsonObjectTextTest {

    @Test
    void cutsEveryKindOfValueVerbatim() {
        String text = " {\"s\" : \"a\\\"b\\\\\" ,\n\t\"n\":-1.5e3,\"t\":true , \"z\":null,"
                + "\"o\":{ \"x\":[1,{\"y\":\"}\"}] },\"a\":[ ],\"u\":\"\\u0041\"} ";
        JsonObjectText frame = JsonObjectText.parse(text);
        List<JsonObjectText.Member> members = frame.members();
        assertEquals(List.of("s", "n", "t", "z", "o", "a", "u"), members.stream().map(JsonObjectText.Member::name).toList());
        assertEquals(List.of("\"a\\\"b\\\\\"", "-1.5e3", "true", "null", "{ \"x\":[1,{\"y\":\"}\"}] }", "[ ]", "\"\\u0041\""),
                members.stream().map(JsonObjectText.Member::rawValue).toList());
        assertEquals(List.of("\"s\" : \"a\\\"b\\\\\"", "\"n\":-1.5e3", "\"t\":true", "\"z\":null",
                "\"o\":{ \"x\":[1,{\"y\":\"}\"}] }", "\"a\":[ ]", "\"u\":\"\\u0041\""),
                members.stream().map(JsonObjectText.Member::rawMember).toList());
        assertEquals("a\"b\\", frame.last("s").text());
        assertEquals("A", frame.last("u").text());
        assertEquals(JsonValueText.Kind.FLOAT, frame.last("n").kind());
        assertNull(frame.last("o").text());
    }

    @Test
    void theLastDuplicateWinsAndEveryDuplicateIsKept() {
        JsonObjectText frame = JsonObjectText.parse("{\"k\":1,\"k\":\"two\"}");
        assertEquals(2, frame.members().size());
        assertEquals("\"two\"", frame.last("k").rawValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "{", "{\"a\":\"unterminated}", "{\"a\":\"bad \\x escape\"}", "{\"a\":1}x",
            "{\"a\":tru}", "{\"a\" 1}", "{\"a\":1,}", "{\"a\":[1,}" })
    void refusesWhatIsNotJson(String text) {
        SignalingException failure = assertThrows(SignalingException.class, () -> JsonObjectText.parse(text));
        assertEquals(ErrorCode.INVALID_JSON, failure.code());
    }

    @ParameterizedTest
    @ValueSource(strings = { "[1]", "\"s\"", "42" })
    void refusesJsonThatIsNotAnObject(String text) {
        SignalingException failure = assertThrows(SignalingException.class, () -> JsonObjectText.parse(text));
        assertEquals(ErrorCode.INVALID_MESSAGE, failure.code());
    }

    /** Each dialect words its own error, so the readers must say which of these went wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | EMPTY | EMPTY", "' \t\n ' | EMPTY | EMPTY",
            "{} {} | TRAILING | TRAILING", "[] [] | TRAILING | TRAILING", "{}x | TRAILING | TRAILING",
            "[1] | NOT_AN_OBJECT | ''", "\"s\" | NOT_AN_OBJECT | NOT_AN_ARRAY", "{} | '' | NOT_AN_ARRAY",
            "{\"a\":} | SYNTAX | SYNTAX", "[1,] | SYNTAX | SYNTAX", "\"s\" 1 | TRAILING | TRAILING" })
    void saysWhyATextIsNotTheObjectOrArrayAskedFor(String text, String asObject, String asArray) {
        assertEquals(asObject, reason(() -> JsonObjectText.read(text)));
        assertEquals(asArray, reason(() -> JsonArrayText.read(text)));
    }

    @Test
    void readsArrayElementsVerbatim() {
        List<JsonValueText> elements = JsonArrayText.read(" [\"offer\", { \"sdp\" : \"v=0\\r\\n\" } ,-2,[ ]] ").elements();
        assertEquals(List.of("\"offer\"", "{ \"sdp\" : \"v=0\\r\\n\" }", "-2", "[ ]"),
                elements.stream().map(JsonValueText::rawValue).toList());
        assertEquals(List.of(JsonValueText.Kind.STRING, JsonValueText.Kind.OBJECT, JsonValueText.Kind.INTEGER,
                JsonValueText.Kind.ARRAY), elements.stream().map(JsonValueText::kind).toList());
        assertEquals("offer", elements.get(0).text());
        assertEquals(JsonValueText.Kind.OBJECT, JsonValueText.read(" {\"a\":1} ").kind());
    }

    private static String reason(Runnable read) {
        try {
            read.run();
            return "";
        } catch (JsonTextException e) {
            return e.reason().name();
        }
    }
}
