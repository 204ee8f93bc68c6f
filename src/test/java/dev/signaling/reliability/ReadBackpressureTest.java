package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.RawWebSocket;
import dev.signaling.support.Scrape;
import dev.signaling.support.SmallReadBacklogProfile;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A client whose frames arrive faster than the server handles them is not read while its event loop is behind
 * (signaling.limits.max-read-backlog-bytes), and loses nothing by it: once the loop has caught up the socket is read
 * again, and every frame is relayed, in order.
 */
@QuarkusTest
@TestProfile(SmallReadBacklogProfile.class)
class ReadBackpressureTest {
    static final int FRAMES = 2000;
    static final String PAUSES = "signaling_limit_hits_total{limit=\"max-read-backlog-bytes\"";

    @TestHTTPResource("/compat/login")
    URI login;

    @Test
    void aBurstPausesTheSenderAndEveryFrameStillArrivesInOrder() throws IOException {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        double pausesBefore = Scrape.value(PAUSES);
        try (TestClient receiver = TestClient.connect(login); RawWebSocket sender = new RawWebSocket(login)) {
            receiver.send(msg("type", "login", "name", bob));
            assertThat(receiver.awaitType("login").path("success").asBoolean()).isTrue();
            sender.sendText(msg("type", "login", "name", alice).toString());
            assertThat(TestClient.parse(sender.readText()).path("success").asBoolean()).isTrue();

            // One write of 2,000 frames (about 200 KB): the server reads tens of KB of them at once, and queues
            // a callback for each, far past the 64 KiB it may have waiting.
            List<String> burst = new ArrayList<>();
            for (int i = 0; i < FRAMES; i++) {
                burst.add(offer(bob, i));
            }
            sender.sendTexts(burst);
            for (int i = 0; i < FRAMES; i++) {
                JsonNode offer = receiver.awaitType("offer");
                assertThat(offer.path("offer").path("n").asInt()).as("offer %d in order", i).isEqualTo(i);
                assertThat(offer.path("name").asText()).isEqualTo(alice);
            }
            assertThat(Scrape.value(PAUSES)).as("times a socket was paused").isGreaterThan(pausesBefore);

            // Read again: the next frame goes through too.
            sender.sendText(offer(bob, FRAMES));
            assertThat(receiver.awaitType("offer").path("offer").path("n").asInt()).isEqualTo(FRAMES);
        }
    }

    private static String offer(String to, int n) {
        return msg("type", "offer", "name", to, "offer", msg("n", n, "sdp", "v=0 " + "x".repeat(60))).toString();
    }
}
