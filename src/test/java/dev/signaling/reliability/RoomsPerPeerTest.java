package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.Scrape;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A peer may be in at most {@code signaling.limits.max-rooms-per-peer} (16) rooms: the next join is answered
 * {@code too-many-rooms}, even when all the joins are sent at once, and leaving a room makes a place again.
 */
@QuarkusTest
class RoomsPerPeerTest {
    static final int MAX_ROOMS = 16;

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void joinsPastTheLimitAreRefusedEvenWhenSentAllAtOnceAndALeaveMakesRoom() {
        String prefix = "rooms-" + UUID.randomUUID() + "-";
        double hitsBefore = Scrape.value("signaling_limit_hits_total{limit=\"max-rooms-per-peer\"");
        try (TestClient peer = TestClient.signal(signal); TestClient other = TestClient.signal(signal)) {
            for (int i = 0; i < MAX_ROOMS + 4; i++) {
                peer.send(msg("type", "join", "room", prefix + i, "id", "j" + i));
            }
            for (int i = 0; i < MAX_ROOMS; i++) {
                peer.awaitType("joined");
            }
            for (int i = 0; i < 4; i++) {
                JsonNode refused = peer.awaitType("error");
                assertThat(refused.path("code").asText()).isEqualTo("too-many-rooms");
            }
            assertThat(Scrape.value("signaling_limit_hits_total{limit=\"max-rooms-per-peer\""))
                    .isEqualTo(hitsBefore + 4);

            // Another peer is not limited by this one's rooms.
            other.join(prefix + 0);

            peer.send(msg("type", "leave", "room", prefix + 0, "id", "l0"));
            peer.awaitType("left");
            JsonNode joined = peer.join(prefix + "after-leave");
            assertThat(joined.path("room").asText()).isEqualTo(prefix + "after-leave");
            peer.send(msg("type", "join", "room", prefix + "one-too-many", "id", "x"));
            assertThat(peer.awaitType("error").path("code").asText()).isEqualTo("too-many-rooms");
        }
    }
}
