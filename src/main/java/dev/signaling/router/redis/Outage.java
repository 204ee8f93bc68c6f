package dev.signaling.router.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * When {@link RedisLink} tells the operator that it cannot connect. An instance that never reaches Redis (a wrong
 * host or password, a Redis not up yet) is only ever unready, and the log must say why; but it tries again every
 * 2 s, and a warning each time would bury everything else. So the first failure of an outage is a warning, then one
 * when the reason changes (5 s after the last one at the soonest, as two reasons could take turns), and a reminder
 * every minute; the rest are debug lines. Connections that come up and fail again at once (a resync Redis refuses)
 * count as failed attempts. Used on the link's context only.
 */
final class Outage {
    static final Duration REMIND_EVERY = Duration.ofMinutes(1);
    static final Duration NEW_REASON_AFTER = Duration.ofSeconds(5);

    private final LongSupplier clock;
    /**
     * Whether an outage began (connections lost after they had lasted, or never made so far); it lasts until the
     * next one begins, as connections that come up only to fail again are part of it.
     */
    private boolean failing;
    /** When the outage began (on the clock, in ns). */
    private long since;
    private long lastWarned;
    private String lastReason;

    Outage() {
        this(System::nanoTime);
    }

    /** With a clock of the test's ({@link System#nanoTime} otherwise). */
    Outage(LongSupplier clock) {
        this.clock = clock;
    }

    /** The connections were lost (the link warned of that): an outage begins. */
    void lost(Throwable cause) {
        failing = true;
        since = clock.getAsLong();
        lastWarned = since;
        lastReason = reason(cause);
    }

    /** A connection attempt failed: whether to warn of it (and if so, counted as warned). */
    boolean shouldWarn(Throwable cause) {
        long now = clock.getAsLong();
        String reason = reason(cause);
        long quiet = now - lastWarned;
        boolean warn = !failing || quiet >= REMIND_EVERY.toNanos()
                || !reason.equals(lastReason) && quiet >= NEW_REASON_AFTER.toNanos();
        if (!failing) {
            failing = true;
            since = now;
        }
        if (warn) {
            lastWarned = now;
            lastReason = reason;
        }
        return warn;
    }

    /** For a warning: how long the outage has lasted, unless it just began. */
    String lasting() {
        long seconds = Duration.ofNanos(clock.getAsLong() - since).toSeconds();
        return seconds < 1 ? "" : ", unreachable for " + seconds + " s";
    }

    /** Connected: for the log line, how long it was without Redis since the outage began, if one did. */
    String lasted() {
        if (!failing) {
            return "";
        }
        return " after " + Duration.ofNanos(clock.getAsLong() - since).toMillis() + " ms without it";
    }

    /** Where the link connects, for a log line: the endpoints of the options, without user or password. */
    static String endpoints(List<String> endpoints) {
        return endpoints.stream().map(endpoint -> endpoint.replaceFirst("//[^/]*@", "//"))
                .collect(Collectors.joining(", "));
    }

    /** A failure's kind and message; the same failure again is the same reason. */
    private static String reason(Throwable cause) {
        return cause.getClass().getName() + ": " + Objects.toString(cause.getMessage(), "");
    }
}
