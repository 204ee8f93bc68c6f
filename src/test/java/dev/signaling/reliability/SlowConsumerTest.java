package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
    static final int WINDOW = 50;
    static final int MAX_MESSAGES = 8000;
    static final String PAYLOAD = "x".repeat(8 * 1024);

    @TestHTTPResource("/signal")
    URI signal;

    private static boolean sawLeave(TestClient reader, String peerId) {
        return reader.pending().stream().anyMatch(f -> f.path("type").asText().equals("peer-left")
                && f.path("peerId").asText().equals(peerId));
    }

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

            // The sender goes in windows that every healthy reader confirms before the next, so a reader never has
            // more than one window (400 KB) in flight however busy the machine is; only the stalled client falls
            // behind without bound, until loopback TCP buffers and its 1 MiB outbox are full.
            int sent = 0;
            while (!sawLeave(readers.get(0), stalledId)) {
                assertThat(sent).as("messages sent before the stalled client was cut off").isLessThan(MAX_MESSAGES);
                for (int i = 0; i < WINDOW; i++, sent++) {
                    sender.send(msg("type", "message", "room", room, "data", msg("seq", sent, "pad", PAYLOAD)));
                }
                for (TestClient reader : readers) {
                    for (int seq = sent - WINDOW; seq < sent; seq++) {
                        assertThat(reader.awaitType("message").get("data").get("seq").asInt()).isEqualTo(seq);
                    }
                }
            }
            // Every reader got every message in order (checked above) and sees the stalled one leave.
            for (TestClient reader : readers) {
                assertThat(reader.await(f -> f.path("type").asText().equals("peer-left")
                        && f.path("peerId").asText().equals(stalledId), "peer-left of the stalled client"))
                        .isNotNull();
                assertThat(reader.pending()).noneMatch(f -> f.path("type").asText().equals("peer-left"));
            }
            stalled.resumeReading();
            assertThat(stalled.closed().handle((code, failure) -> failure == null ? code : 1013).join())
                    .isEqualTo(1013);
        } finally {
            readers.forEach(TestClient::close);
        }
    }
}
