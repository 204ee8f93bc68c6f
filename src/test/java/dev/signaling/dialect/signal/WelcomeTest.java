package dev.signaling.dialect.signal;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WelcomeTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void everyConnectionIsWelcomedWithAFreshUnguessableIdIceServersAndLimits() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            try (TestClient client = TestClient.connect(signal)) {
                JsonNode welcome = client.awaitType("welcome");
                String id = welcome.get("peerId").asText();
                assertThat(id).matches("[A-Za-z0-9_-]{22}"); // 128 random bits, base64url
                ids.add(id);
                assertThat(welcome.get("iceServers").isArray()).isTrue();
                assertThat(welcome.get("iceServers")).isEmpty();
                JsonNode limits = welcome.get("limits");
                assertThat(limits.get("maxFrameBytes").asInt()).isEqualTo(65536);
                assertThat(limits.get("maxPeersPerRoom").asInt()).isEqualTo(50);
                assertThat(limits.get("maxRoomNameLength").asInt()).isEqualTo(128);
                assertThat(limits.get("maxNameLength").asInt()).isEqualTo(64);
            }
        }
        assertThat(ids).hasSize(20);
    }

    @Test
    void pingIsAnsweredWithPongCarryingTheRequestId() {
        try (TestClient client = TestClient.signal(signal)) {
            client.send(msg("type", "ping"));
            assertThat(client.awaitType("pong").has("ref")).isFalse();
            client.send(msg("type", "ping", "id", 42));
            assertThat(client.awaitType("pong").get("ref").asInt()).isEqualTo(42);
        }
    }
}
