package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.RawWebSocket;
import dev.signaling.support.Scrape;
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

    @Test
    void aSocketIoClientThatFloodsPacketsLosesItsSession() throws Exception {
        URI socketIo = URI.create(signal.toString().replace("/signal", "/socket.io/?EIO=4&transport=websocket"));
        String closedByRate = "signaling_rate_limit_closed_total{dialect=\"socketio\"";
        double closedBefore = Scrape.value(Scrape.metrics(), closedByRate);
        try (RawWebSocket client = new RawWebSocket(socketIo)) {
            assertThat(client.readText()).startsWith("0{"); // Engine.IO open
            client.sendText("40"); // connect the main namespace (1 of the burst)
            assertThat(client.readText()).startsWith("40");
            int sent = 0;
            try {
                for (; sent < TightRateProfile.BURST + TightRateProfile.REFUSALS_BEFORE_CLOSE + 5; sent++) {
                    client.sendText("42[\"message\",\"flood " + sent + "\"]");
                }
            } catch (java.net.SocketException closedMeanwhile) {
                // the server ended the session while the flood was still going out
            }
            // Past the burst and the allowed refusals the session ends: the socket closes (code or plain end)...
            assertThat(client.readClose()).isIn(-1, 1000, 1001, 1005);
        }
        // ...because of the rate (this raw client never answers Engine.IO pings, which would end it later anyway).
        assertThat(Scrape.value(Scrape.metrics(), closedByRate)).isEqualTo(closedBefore + 1);
    }
}
