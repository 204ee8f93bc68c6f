package dev.signaling.dialect.login;

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

/** Every bad message gets its error; the connection keeps working and no other user notices anything. */
@QuarkusTest
class LoginBadInputTest {
    static final String NOBODY = "nobody-ever-logs-in-as-this";

    @TestHTTPResource("/compat/login")
    URI login;

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("Hello world", "Invalid JSON"),
                Arguments.of("{\"type\":\"offer\",", "Invalid JSON"),
                Arguments.of("", "Invalid JSON"),
                Arguments.of("[\"login\"]", "Invalid message: expected a JSON object"),
                Arguments.of("null", "Invalid message: expected a JSON object"),
                Arguments.of("{}", "Command not found: undefined"),
                Arguments.of("{\"type\":\"call\",\"name\":\"x\"}", "Command not found: call"),
                Arguments.of("{\"type\":\"offer\",\"offer\":{}}", "Missing field: name"),
                Arguments.of("{\"type\":\"answer\",\"name\":{\"n\":1},\"answer\":{}}",
                        "Invalid field: name must be a string"),
                Arguments.of("{\"type\":\"candidate\",\"name\":\"" + NOBODY + "\"}", "Missing field: candidate"),
                Arguments.of("{\"type\":\"leave\",\"name\":7}", "Invalid field: name must be a string"),
                Arguments.of("{\"type\":\"offer\",\"name\":\"" + NOBODY + "\",\"offer\":{}}",
                        "User not logged in: " + NOBODY),
                Arguments.of("{\"type\":\"answer\",\"name\":\"" + NOBODY + "\",\"answer\":{}}",
                        "User not logged in: " + NOBODY),
                Arguments.of("{\"type\":\"candidate\",\"name\":\"" + NOBODY + "\",\"candidate\":{}}",
                        "User not logged in: " + NOBODY),
                // The seed crashes the whole server on this one.
                Arguments.of("{\"type\":\"leave\",\"name\":\"" + NOBODY + "\"}", "User not logged in: " + NOBODY),
                Arguments.of("{\"type\":\"login\",\"name\":\"" + "n".repeat(65) + "\"}",
                        "name is longer than 64 characters"),
                Arguments.of("{\"type\":\"offer\",\"name\":\"x\",\"offer\":\"" + "x".repeat(70_000) + "\"}",
                        "Message too large: the limit is 65536 bytes"),
                Arguments.of(null, "Binary messages are not supported: send JSON text"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badFrames")
    void aBadMessageGetsItsErrorAndChangesNothingElse(String frame, String message) {
        String sender = Logins.name("sender");
        String peer = Logins.name("peer");
        try (TestClient s = Logins.loggedIn(login, sender); TestClient p = Logins.loggedIn(login, peer)) {
            s.send(msg("type", "offer", "name", peer, "offer", "before"));
            p.awaitType("offer"); // s's partner is now p

            if (frame == null) {
                s.sendBinary("{\"type\":\"login\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                s.send(frame);
            }
            assertThat(s.awaitType("error")).isEqualTo(msg("type", "error", "message", message));

            // Still logged in, still reachable, still able to reach its peer.
            s.send(msg("type", "candidate", "name", peer, "candidate", "after"));
            assertThat(p.awaitType("candidate").get("candidate").asText()).isEqualTo("after");
            p.send(msg("type", "answer", "name", sender, "answer", "back"));
            assertThat(s.awaitType("answer").get("answer").asText()).isEqualTo("back");
            assertThat(s.isOpen()).isTrue();
            Logins.settle(p);
            assertThat(p.pending()).isEmpty();
            assertThat(s.pending()).isEmpty();
        }
    }

    @Test
    void beforeLoggingInOnlyLoginIsAccepted() {
        String peer = Logins.name("peer");
        try (TestClient anonymous = TestClient.connect(login); TestClient p = Logins.loggedIn(login, peer)) {
            for (String type : new String[] {"offer", "answer", "candidate"}) {
                anonymous.send(msg("type", type, "name", peer, type, "x"));
                assertThat(anonymous.awaitType("error").get("message").asText())
                        .isEqualTo("Not logged in: send login first");
            }
            anonymous.send(msg("type", "leave", "name", peer));
            assertThat(anonymous.awaitType("error").get("message").asText())
                    .isEqualTo("Not logged in: send login first");
            Logins.settle(p);
            assertThat(p.pending()).isEmpty();
            // And logging in afterwards works.
            assertThat(Logins.login(anonymous, Logins.name("late")).get("success").asBoolean()).isTrue();
        }
    }
}
