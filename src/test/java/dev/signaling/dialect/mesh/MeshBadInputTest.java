package dev.signaling.dialect.mesh;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every bad message gets an error (the seed swallows them); the connection keeps working, nobody else notices. */
@QuarkusTest
class MeshBadInputTest {

    @TestHTTPResource("/compat/mesh")
    URI mesh;

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("not json", "Invalid JSON"),
                Arguments.of("{\"type\":\"offer\"", "Invalid JSON"),
                Arguments.of("{} {}", "Invalid JSON"),
                Arguments.of("[]", "Invalid message: expected a JSON object"),
                Arguments.of("{\"data\":1}", "Missing field: type"),
                Arguments.of("{\"type\":7}", "Invalid field: type must be a string"),
                Arguments.of("{\"type\":\"handle\"}", "Unknown type: handle"),
                Arguments.of("{\"type\":\"answer\",\"data\":1}", "Missing field: receiverId"),
                Arguments.of("{\"type\":\"answer\",\"receiverId\":true}",
                        "Invalid field: receiverId must be a string or an integer"),
                Arguments.of("{\"type\":\"answer\",\"receiverId\":\"nobody-has-this-id\"}",
                        "No member with id nobody-has-this-id"),
                Arguments.of("{\"type\":\"join\",\"id\":\"again\"}", "Already joined"),
                Arguments.of("{\"type\":\"offer\",\"data\":\"" + "x".repeat(70_000) + "\"}",
                        "Message too large: the limit is 65536 bytes"),
                Arguments.of(null, "Binary messages are not supported: send JSON text"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badFrames")
    void aBadMessageGetsItsErrorAndChangesNothingElse(String frame, String message) {
        URI group = Meshes.group(mesh);
        String id = Meshes.unique("sender");
        try (TestClient sender = Meshes.joined(group, id, "S");
                TestClient bystander = Meshes.joined(group, Meshes.unique("b"), "B")) {
            if (frame == null) {
                sender.sendBinary("{\"type\":\"offer\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                sender.send(frame);
            }
            assertThat(sender.awaitType("error")).isEqualTo(msg("type", "error", "message", message));

            sender.send(msg("type", "offer", "data", "still here"));
            assertThat(bystander.awaitType("offer").get("senderId").asText()).isEqualTo(id);
            assertThat(sender.isOpen()).isTrue();
            Meshes.settle(bystander);
            Meshes.settle(sender);
            assertThat(bystander.pending()).isEmpty();
            assertThat(sender.pending()).isEmpty();
        }
    }

    static Stream<Arguments> badJoins() {
        return Stream.of(
                Arguments.of("{\"type\":\"join\",\"id\":\"\"}", "Invalid field: id must not be empty"),
                Arguments.of("{\"type\":\"join\",\"id\":{\"a\":1}}", "Invalid field: id must be a string or an integer"),
                Arguments.of("{\"type\":\"join\",\"id\":\"" + "i".repeat(70) + "\"}",
                        "Invalid field: id is longer than 64 characters"),
                Arguments.of("{\"type\":\"join\",\"nick\":false}", "Invalid field: nick must be a string"),
                Arguments.of("{\"type\":\"join\",\"nick\":\"" + "n".repeat(65) + "\"}",
                        "Invalid nick: name is longer than 64 characters"),
                Arguments.of("{\"type\":\"offer\",\"data\":1}", "Not joined: send join first"),
                Arguments.of("{\"type\":\"candidate\",\"data\":1}", "Not joined: send join first"),
                Arguments.of("{\"type\":\"answer\",\"receiverId\":\"x\"}", "Not joined: send join first"),
                Arguments.of("{\"type\":\"leave\"}", "Not joined: send join first"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badJoins")
    void beforeJoiningABadJoinOrARelayIsRefusedAndAGoodJoinStillWorks(String frame, String message) {
        URI group = Meshes.group(mesh);
        try (TestClient member = Meshes.joined(group, Meshes.unique("m"), "M");
                TestClient newcomer = TestClient.connect(group)) {
            newcomer.send(frame);
            assertThat(newcomer.awaitType("error").get("message").asText()).isEqualTo(message);
            String id = Meshes.unique("ok");
            newcomer.send(msg("type", "join", "id", id, "nick", "N"));
            newcomer.send(msg("type", "candidate", "data", 1));
            assertThat(member.awaitType("candidate").get("senderId").asText()).isEqualTo(id);
            Meshes.settle(member);
            assertThat(member.pending()).isEmpty();
        }
    }

    @Test
    void aGroupNameTooLongForTheServerIsRefusedOnJoin() {
        URI group = URI.create(mesh + "/" + "g".repeat(200));
        try (TestClient client = TestClient.connect(group)) {
            client.send(msg("type", "join", "id", "x"));
            assertThat(client.awaitType("error").get("message").asText())
                    .startsWith("Invalid group name in the path: ");
            assertThat(client.isOpen()).isTrue();
        }
    }
}
