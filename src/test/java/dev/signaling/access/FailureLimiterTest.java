package dev.signaling.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token bucket per address, on a clock the test moves. */
class FailureLimiterTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void anAddressIsStoppedAfterItsBurstAndRegainsChecksOverTime() {
        FailureLimiter limiter = new FailureLimiter(3, 6, 100, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.exhausted("10.0.0.1")).isFalse();
            limiter.failed("10.0.0.1");
        }
        assertThat(limiter.exhausted("10.0.0.1")).isTrue();
        assertThat(limiter.exhausted("10.0.0.2")).isFalse(); // others are not affected
        now.addAndGet(TimeUnit.SECONDS.toNanos(10)); // 6 a minute: one every 10 s
        assertThat(limiter.exhausted("10.0.0.1")).isFalse();
        limiter.failed("10.0.0.1");
        assertThat(limiter.exhausted("10.0.0.1")).isTrue();
    }

    @Test
    void memoryStaysBoundedUnderManyAddresses() {
        FailureLimiter limiter = new FailureLimiter(1, 0, 10, now::get);
        for (int i = 0; i < 1000; i++) {
            limiter.failed("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.trackedClients()).isLessThanOrEqualTo(11); // 10 addresses and the shared overflow bucket
        assertThat(limiter.exhausted("192.168.1.1")).isTrue(); // a newcomer shares the exhausted overflow bucket
    }
}
