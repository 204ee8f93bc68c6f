package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.signaling.support.Scrape;
import dev.signaling.support.SmallSharedOutboxProfile;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The budget of all outboxes together (signaling.outbox.max-total-bytes) cuts off a client that stops reading
 * long before its own outbox is full, the readers in its room lose nothing and stay connected, and every frame
 * gives its share of the budget back.
 */
@QuarkusTest
@TestProfile(SmallSharedOutboxProfile.class)
class SharedOutboxBudgetTest {
    static final int WINDOW = 8;
    static final int MAX_MESSAGES = 4000;
    static final String PAYLOAD = "x".repeat(8 * 1024);
    static final String SHARED_HITS = "signaling_limit_hits_total{limit=\"outbox-max-total-bytes\"";
    static final String SLOW_CLOSED = "signaling_slow_consumers_closed_total{dialect=\"signal\"";

    @TestHTTPResource("/signal")
    URI signal;

    private static boolean sawLeave(TestClient reader, String peerId) {
        return reader.pending().stream().anyMatch(f -> f.path("type").asText().equals("peer-left")
                && f.path("peerId").asText().equals(peerId));
    }

    @Test
    void aStalledClientRunsIntoTheSharedBudgetAndNobodyElseLosesAnything() {
        double hitsBefore = Scrape.value(SHARED_HITS);
        double closedBefore = Scrape.value(SLOW_CLOSED);
        String room = "shared-" + UUID.randomUUID();
        List<TestClient> readers = new ArrayList<>();
        try (TestClient sender = TestClient.signal(signal); TestClient stalled = TestClient.signal(signal)) {
            sender.join(room);
            String stalledId = stalled.join(room).get("peerId").asText();
            for (int i = 0; i < 3; i++) {
                TestClient reader = TestClient.signal(signal);
                readers.add(reader);
                reader.join(room);
            }
            stalled.pauseReading();

            // Windows that every reader confirms before the next: a reader never has more than 8 frames (66 KiB)
            // in flight, so only the stalled client builds a backlog. Its own budget (1024 frames) would take
            // 8 MiB past the loopback TCP buffers; the shared one (1 MiB, two bytes a character) is spent at about 64.
            int sent = 0;
            while (!sawLeave(readers.get(0), stalledId)) {
                assertThat(sent).as("messages sent before the stalled client was cut off").isLessThan(MAX_MESSAGES);
                sent = sendWindow(sender, room, readers, sent);
            }
            for (TestClient reader : readers) {
                assertThat(reader.await(f -> f.path("type").asText().equals("peer-left")
                        && f.path("peerId").asText().equals(stalledId), "peer-left of the stalled client"))
                        .isNotNull();
            }
            // The room carries on for those left, with the budget given back.
            sendWindow(sender, room, readers, sent);
            for (TestClient reader : readers) {
                assertThat(reader.pending()).noneMatch(f -> f.path("type").asText().equals("peer-left"));
            }
            stalled.resumeReading();
            assertThat(stalled.closed().handle((code, failure) -> failure == null ? code : 1013).join())
                    .isEqualTo(1013);
            assertThat(Scrape.value(SHARED_HITS)).as("cut-offs by the shared budget").isEqualTo(hitsBefore + 1);
            assertThat(Scrape.value(SLOW_CLOSED)).as("slow consumers closed").isEqualTo(closedBefore + 1);
        } finally {
            readers.forEach(TestClient::close);
        }
        // Every frame, written or dropped with the closed connections, gave its share back.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Scrape.value("signaling_outbox_held_bytes")).isZero());
    }

    /** Sends one window of messages and waits until every reader has them, in order; returns the next seq. */
    private static int sendWindow(TestClient sender, String room, List<TestClient> readers, int from) {
        for (int seq = from; seq < from + WINDOW; seq++) {
            sender.send(msg("type", "message", "room", room, "data", msg("seq", seq, "pad", PAYLOAD)));
        }
        for (TestClient reader : readers) {
            for (int seq = from; seq < from + WINDOW; seq++) {
                assertThat(reader.awaitType("message").get("data").get("seq").asInt()).isEqualTo(seq);
            }
        }
        return from + WINDOW;
    }
}
