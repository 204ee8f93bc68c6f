package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.signaling.support.FastHeartbeatProfile;
import dev.signaling.support.RawWebSocket;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The server pings every connection; one that stops answering is closed and, once its resume window (1 s here) has
 * passed too, leaves its rooms: no ghosts.
 */
@QuarkusTest
@TestProfile(FastHeartbeatProfile.class)
class HeartbeatTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void aClientThatVanishesWithoutClosingLeavesItsRoomsWithinTheTimeout() throws Exception {
        String room = "hb-" + UUID.randomUUID();
        try (TestClient stays = TestClient.signal(signal); RawWebSocket vanishes = new RawWebSocket(signal)) {
            stays.join(room);
            String vanishedId = TestClient.parse(vanishes.readText()).get("peerId").asText();
            vanishes.sendText(msg("type", "join", "room", room).toString());
            stays.awaitType("peer-joined");
            // From here on the raw client neither reads nor answers pings: its socket stays open at the TCP level.
            long start = System.nanoTime();
            assertThat(stays.awaitType("peer-left").get("peerId").asText()).isEqualTo(vanishedId);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TestClient.WAIT);
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnectedWhileIdle() {
        String room = "hb-" + UUID.randomUUID();
        try (TestClient idle = TestClient.signal(signal); TestClient watcher = TestClient.signal(signal)) {
            idle.join(room);
            watcher.join(room);
            // Several heartbeat timeouts pass without a frame from either client; pongs keep them alive.
            Awaitility.await().during(Duration.ofMillis(3000)).atMost(Duration.ofSeconds(5))
                    .until(() -> idle.isOpen() && watcher.isOpen());
            idle.send(msg("type", "message", "room", room, "data", "still here"));
            assertThat(watcher.awaitType("message").get("data").asText()).isEqualTo("still here");
            assertThat(idle.pending()).noneMatch(f -> f.path("type").asText().equals("peer-left"));
        }
    }
}
