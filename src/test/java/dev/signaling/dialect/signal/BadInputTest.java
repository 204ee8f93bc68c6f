package dev.signaling.dialect.signal;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every kind of bad frame gets its error code, the connection keeps working, and nobody else notices. */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/signal")
    URI signal;

    static Stream<Arguments> badFrames() {
        String longRoom = "r".repeat(129);
        String longName = "n".repeat(65);
        return Stream.of(
                Arguments.of("not json", "invalid-json"),
                Arguments.of("{\"type\":\"join\",\"room\":", "invalid-json"),
                Arguments.of("{\"type\":\"ping\"} {}", "invalid-json"),
                Arguments.of("", "invalid-json"),
                Arguments.of("[1,2]", "invalid-message"),
                Arguments.of("\"hello\"", "invalid-message"),
                Arguments.of("42", "invalid-message"),
                Arguments.of("null", "invalid-message"),
                Arguments.of("{}", "missing-field"),
                Arguments.of("{\"type\":42}", "invalid-field"),
                Arguments.of("{\"type\":\"dance\"}", "unknown-type"),
                Arguments.of("{\"type\":\"join\"}", "missing-field"),
                Arguments.of("{\"type\":\"join\",\"room\":5}", "invalid-field"),
                Arguments.of("{\"type\":\"join\",\"room\":null}", "invalid-field"),
                Arguments.of("{\"type\":\"join\",\"room\":\"\"}", "invalid-room"),
                Arguments.of("{\"type\":\"join\",\"room\":\"" + longRoom + "\"}", "invalid-room"),
                Arguments.of("{\"type\":\"join\",\"room\":\"a\\u0007b\"}", "invalid-room"),
                Arguments.of("{\"type\":\"join\",\"room\":\"ok\",\"name\":\"" + longName + "\"}", "invalid-name"),
                Arguments.of("{\"type\":\"join\",\"room\":\"ok\",\"name\":[\"x\"]}", "invalid-field"),
                Arguments.of("{\"type\":\"leave\",\"room\":{}}", "invalid-field"),
                Arguments.of("{\"type\":\"offer\",\"room\":\"r\"}", "missing-field"),
                Arguments.of("{\"type\":\"offer\",\"room\":\"r\",\"to\":5,\"data\":1}", "invalid-field"),
                Arguments.of("{\"type\":\"offer\",\"room\":\"r\",\"to\":\"\",\"data\":1}", "invalid-field"),
                Arguments.of("{\"type\":\"ping\",\"id\":{\"a\":1}}", "invalid-field"),
                Arguments.of("{\"type\":\"ping\",\"id\":\"" + "i".repeat(200) + "\"}", "invalid-field"),
                Arguments.of("{\"type\":\"message\",\"room\":\"r\",\"data\":\"" + "x".repeat(70_000) + "\"}",
                        "frame-too-large"),
                Arguments.of("{\"type\":\"message\",\"room\":\"r\",\"data\":\"" + "é".repeat(33_000) + "\"}",
                        "frame-too-large"),
                Arguments.of(null, "binary-not-supported"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badFrames")
    void badFrameGetsItsErrorAndChangesNothingElse(String frame, String expectedCode) {
        String room = RoomMembershipTest.room();
        try (TestClient sender = TestClient.signal(signal); TestClient bystander = TestClient.signal(signal)) {
            bystander.join(room);
            String senderId = sender.join(room).get("peerId").asText();

            if (frame == null) {
                sender.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                sender.send(frame);
            }
            JsonNode error = sender.awaitType("error");
            assertThat(error.get("code").asText()).isEqualTo(expectedCode);
            assertThat(error.get("message").asText()).isNotBlank();

            // The connection still works, and the sender is still in its room.
            sender.send(msg("type", "ping"));
            sender.awaitType("pong");
            sender.send(msg("type", "message", "room", room, "data", "still here"));
            JsonNode relayed = bystander.awaitType("message");
            assertThat(relayed.get("from").asText()).isEqualTo(senderId);
            // The bystander saw nothing but the sender's arrival and its message.
            assertThat(bystander.pending()).hasSize(1);
            assertThat(bystander.pending().get(0).get("type").asText()).isEqualTo("peer-joined");
            assertThat(sender.pending()).isEmpty();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusalsWithId")
    void errorsEchoTheRequestId(String frame, String expectedRef) {
        try (TestClient sender = TestClient.signal(signal)) {
            sender.send(frame);
            JsonNode error = sender.awaitType("error");
            assertThat(error.get("ref").toString()).isEqualTo(expectedRef);
        }
    }

    static Stream<Arguments> refusalsWithId() {
        return Stream.of(
                Arguments.of("{\"type\":\"dance\",\"id\":\"x1\"}", "\"x1\""),
                Arguments.of("{\"id\":17,\"type\":\"join\"}", "17"),
                Arguments.of("{\"type\":\"join\",\"room\":\"\",\"id\":\"late\"}", "\"late\""),
                Arguments.of("{\"type\":\"offer\",\"room\":\"nowhere\",\"data\":{},\"id\":\"o\"}", "\"o\""));
    }
}
