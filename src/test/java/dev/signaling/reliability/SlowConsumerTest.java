package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.SmallOutboxProfile;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that stops reading is cut off (close 1013) once its outbox is full, and the nine others in its room
 * keep getting every message, in order.
 */
@QuarkusTest
@TestProfile(SmallOutboxProfile.class)
class SlowConsumerTest {
    static final int MESSAGES = 2000;
    static final String PAYLOAD = "x".repeat(8 * 1024);

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void aClientThatStopsReadingIsCutOffAndNobodyElseLosesAnything() {
        String room = "slow-" + UUID.randomUUID();
        List<TestClient> readers = new ArrayList<>();
        try (TestClient sender = TestClient.signal(signal); TestClient stalled = TestClient.signal(signal)) {
            sender.join(room);
            String stalledId = stalled.join(room).get("peerId").asText();
            for (int i = 0; i < 8; i++) {
                TestClient reader = TestClient.signal(signal);
                readers.add(reader);
                reader.join(room);
            }
            stalled.pauseReading();

            // 16 MB for the stalled client: more than loopback TCP buffers and its 1 MiB outbox can hold.
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    sender.send(msg("type", "message", "room", room, "data", msg("seq", i, "pad", PAYLOAD)));
                }
            });
            for (TestClient reader : readers) {
                for (int i = 0; i < MESSAGES; i++) {
                    JsonNode message = reader.awaitType("message");
                    assertThat(message.get("data").get("seq").asInt()).isEqualTo(i);
                }
            }
            sending.join();
            // Everyone still reading sees the stalled one leave; the stalled one was closed with 1013.
            for (TestClient other : readers) {
                assertThat(other.await(f -> f.path("type").asText().equals("peer-left")
                        && f.path("peerId").asText().equals(stalledId), "peer-left of the stalled client"))
                        .isNotNull();
            }
            stalled.resumeReading();
            assertThat(stalled.closed().handle((code, failure) -> failure == null ? code : 1013).join())
                    .isEqualTo(1013);
        } finally {
            readers.forEach(TestClient::close);
        }
    }
}
