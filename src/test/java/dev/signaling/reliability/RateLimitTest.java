package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import dev.signaling.support.TightRateProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Past its burst a connection's frames are refused with {@code rate-limited}; one that keeps going is closed
 * with 1008. Other connections are not affected.
 */
@QuarkusTest
@TestProfile(TightRateProfile.class)
class RateLimitTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void framesPastTheBurstAreRefusedAndSustainedAbuseClosesTheConnection() {
        String room = "rate-" + UUID.randomUUID();
        try (TestClient flooder = TestClient.signal(signal); TestClient neighbour = TestClient.signal(signal)) {
            flooder.join(room); // 1 of the burst
            neighbour.join(room);
            // The rest of the burst and one more, sent back to back (no waiting, so no token refills meanwhile).
            for (int i = 1; i < TightRateProfile.BURST; i++) {
                flooder.send(msg("type", "ping", "id", i));
            }
            flooder.send(msg("type", "message", "room", room, "data", "one too many", "id", "x"));
            for (int i = 1; i < TightRateProfile.BURST; i++) {
                assertThat(flooder.awaitType("pong").get("ref").asInt()).isEqualTo(i);
            }
            JsonNode refused = flooder.awaitType("error");
            assertThat(refused.get("code").asText()).isEqualTo("rate-limited");
            assertThat(neighbour.pending()).noneMatch(f -> f.path("type").asText().equals("message"));

            // The neighbour, with its own budget, is unaffected.
            neighbour.send(msg("type", "message", "room", room, "data", "fine"));
            assertThat(flooder.awaitType("message").get("data").asText()).isEqualTo("fine");

            // Keep flooding: past the allowed refusals the connection is closed as abusive.
            for (int i = 0; i < TightRateProfile.REFUSALS_BEFORE_CLOSE + 5 && flooder.isOpen(); i++) {
                try {
                    flooder.send(msg("type", "ping"));
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            assertThat(flooder.closed().join()).isEqualTo(1008);
            assertThat(neighbour.awaitType("peer-left").get("room").asText()).isEqualTo(room);
        }
    }
}
