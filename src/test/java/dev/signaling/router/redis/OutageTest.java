package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/**
 * An instance that cannot connect to Redis says so in its log, without a warning every 2 s: at the outage's first
 * failure, when the reason changes (not sooner than 5 s after the last warning), and once a minute.
 */
class OutageTest {
    private static final long SECOND = 1_000_000_000L;

    private long now = 123 * SECOND;
    private final Outage outage = new Outage(() -> now);

    @Test
    void warnsAtTheFirstFailureThenOnceAMinute() {
        ConnectException refused = new ConnectException("Connection refused: /10.0.0.7:6379");
        assertThat(outage.shouldWarn(refused)).isTrue();
        assertThat(outage.lasting()).isEmpty();
        int warnings = 0;
        for (int i = 0; i < 60; i++) { // two minutes of attempts 2 s apart
            now += 2 * SECOND;
            if (outage.shouldWarn(new ConnectException("Connection refused: /10.0.0.7:6379"))) {
                warnings++;
                assertThat(outage.lasting()).isIn(", unreachable for 60 s", ", unreachable for 120 s");
            }
        }
        assertThat(warnings).isEqualTo(2);
    }

    @Test
    void warnsWhenTheReasonChangesButNotWithinFiveSeconds() {
        assertThat(outage.shouldWarn(new ConnectException("Connection refused"))).isTrue();
        now += 2 * SECOND;
        assertThat(outage.shouldWarn(new TimeoutException("no connection within 6000 ms"))).isFalse();
        now += 2 * SECOND;
        assertThat(outage.shouldWarn(new ConnectException("Connection refused"))).isFalse();
        now += 2 * SECOND;
        assertThat(outage.shouldWarn(new TimeoutException("no connection within 6000 ms"))).isTrue();
        now += 6 * SECOND;
        assertThat(outage.shouldWarn(new TimeoutException("no connection within 6000 ms"))).isFalse();
    }

    @Test
    void afterALostConnectionWarnsOfTheAttemptsOnlyOnceTheyFailForAnotherReason() {
        outage.lost(new IOException("connection closed")); // the link warned of this one itself
        now += SECOND / 10;
        assertThat(outage.shouldWarn(new IOException("connection closed"))).isFalse();
        now += SECOND;
        assertThat(outage.shouldWarn(new ConnectException("Connection refused"))).isFalse(); // too soon
        now += 4 * SECOND;
        assertThat(outage.shouldWarn(new ConnectException("Connection refused"))).isTrue();
        assertThat(outage.lasting()).isEqualTo(", unreachable for 5 s");
    }

    @Test
    void connectedSaysHowLongItWasWithoutRedisAndTheNextLossBeginsAnotherOutage() {
        assertThat(outage.lasted()).isEmpty(); // connected at the first attempt
        assertThat(outage.shouldWarn(new ConnectException("Connection refused"))).isTrue();
        now += 3 * SECOND;
        assertThat(outage.lasted()).isEqualTo(" after 3000 ms without it");
        now += 600 * SECOND; // connected all this while
        outage.lost(new IOException("connection closed"));
        now += 2 * SECOND;
        assertThat(outage.shouldWarn(new IOException("connection closed"))).isFalse(); // the loss was warned of
        assertThat(outage.lasted()).isEqualTo(" after 2000 ms without it");
    }

    @Test
    void endpointsAreLoggedWithoutCredentials() {
        assertThat(Outage.endpoints(List.of("redis://:s3cret@store:6380/2", "rediss://app:p@ss@replica:6379",
                "redis://plain:6379", "unix:///run/redis.sock"))).isEqualTo(
                        "redis://store:6380/2, rediss://replica:6379, redis://plain:6379, unix:///run/redis.sock");
    }
}
