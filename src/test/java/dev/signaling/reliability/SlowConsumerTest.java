package dev.signaling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.signaling.support.SmallOutboxProfile;
import dev.signaling.support.StalledRoom;
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

    @Test
    void aClientThatStopsReadingIsCutOffAndNobodyElseLosesAnything() {
        try (StalledRoom room = new StalledRoom(signal, 8)) {
            // A reader never has more than one window (400 KB) in flight; only the stalled client falls behind
            // without bound, until loopback TCP buffers and its 1 MiB outbox are full.
            int sent = 0;
            while (!room.stalledLeft()) {
                assertThat(sent).as("messages sent before the stalled client was cut off").isLessThan(MAX_MESSAGES);
                sent = room.sendWindow(sent, WINDOW, PAYLOAD);
            }
            // Every reader got every message in order (checked by sendWindow) and sees the stalled one leave.
            room.assertEveryReaderSawOnlyTheStalledLeave();
            assertThat(room.stalledCloseCode()).isEqualTo(1013);
        }
    }
}
