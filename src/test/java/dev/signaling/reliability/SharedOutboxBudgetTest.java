package dev.signaling.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.signaling.support.Scrape;
import dev.signaling.support.SmallSharedOutboxProfile;
import dev.signaling.support.StalledRoom;
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

    @Test
    void aStalledClientRunsIntoTheSharedBudgetAndNobodyElseLosesAnything() {
        double hitsBefore = Scrape.value(SHARED_HITS);
        double closedBefore = Scrape.value(SLOW_CLOSED);
        try (StalledRoom room = new StalledRoom(signal, 3)) {
            // A reader never has more than 8 frames (66 KiB) in flight, so only the stalled client builds a
            // backlog. Its own budget (1024 frames) would take 8 MiB past the loopback TCP buffers; the shared one
            // (1 MiB, two bytes a character) is spent at about 64.
            int sent = 0;
            while (!room.stalledLeft()) {
                assertThat(sent).as("messages sent before the stalled client was cut off").isLessThan(MAX_MESSAGES);
                sent = room.sendWindow(sent, WINDOW, PAYLOAD);
            }
            // The room carries on for those left, and the stalled client is the only one that left.
            room.sendWindow(sent, WINDOW, PAYLOAD);
            room.assertEveryReaderSawOnlyTheStalledLeave();
            assertThat(room.stalledCloseCode()).isEqualTo(1013);
            assertThat(Scrape.value(SHARED_HITS)).as("cut-offs by the shared budget").isEqualTo(hitsBefore + 1);
            assertThat(Scrape.value(SLOW_CLOSED)).as("slow consumers closed").isEqualTo(closedBefore + 1);
        }
        // Every frame, written or dropped with the closed connections, gave its share back.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Scrape.value("signaling_outbox_held_bytes")).isZero());
    }
}
