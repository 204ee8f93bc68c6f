package dev.signaling.dialect.login;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;

/** Shortcuts for login-dialect tests. Names are unique per call: every test class shares one server. */
final class Logins {
    private Logins() {
    }

    static String name(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Connects and logs in as {@code name}, checking that it worked. */
    static TestClient loggedIn(URI uri, String name) {
        TestClient client = TestClient.connect(uri);
        assertThat(login(client, name).get("success").asBoolean()).as("login of %s", name).isTrue();
        return client;
    }

    static JsonNode login(TestClient client, String name) {
        client.send(msg("type", "login", "name", name));
        return client.awaitType("login");
    }

    /**
     * Waits until {@code name} can be logged in again, i.e. the server has finished closing its connection
     * (including the leave that close sends), then lets it go again.
     */
    static void awaitFree(URI uri, String name) {
        try (TestClient probe = TestClient.connect(uri)) {
            Awaitility.await().atMost(TestClient.WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> login(probe, name).get("success").asBoolean());
        }
    }

    /**
     * Waits until everything the server sent this client before now has arrived: an unknown command is answered
     * after all of it, so frames that were on their way show up in {@link TestClient#pending()}.
     */
    static void settle(TestClient client) {
        client.send("{\"type\":\"settle\"}");
        client.await(f -> f.path("message").asText().equals("Command not found: settle"), "the settle answer");
    }
}
