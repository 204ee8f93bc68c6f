package dev.signaling.dialect.signal;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.RawWebSocket;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Browsers send each message as a single WebSocket frame. One over the signaling limit (64 KiB) but under the
 * transport cap (1 MiB) gets {@code frame-too-large}, and the connection stays open.
 */
@QuarkusTest
class LargeFrameTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void aSingleFrameOverTheLimitIsRefusedAndTheConnectionStays() throws Exception {
        try (RawWebSocket client = new RawWebSocket(signal)) {
            assertThat(TestClient.parse(client.readText()).get("type").asText()).isEqualTo("welcome");
            client.sendText(msg("type", "message", "room", "r", "data", "x".repeat(70_000)).toString());
            JsonNode error = TestClient.parse(client.readText());
            assertThat(error.get("code").asText()).isEqualTo("frame-too-large");
            client.sendText(msg("type", "ping", "id", 1).toString());
            assertThat(TestClient.parse(client.readText()).get("type").asText()).isEqualTo("pong");
        }
    }
}
