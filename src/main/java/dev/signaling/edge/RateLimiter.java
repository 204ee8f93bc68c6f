package dev.signaling.edge;

/**
 * The frame budget of one connection: a token bucket ({@code perSecond} on average, bursts up to {@code burst}),
 * and a count of refusals per ten-second window past which the client is considered abusive. Not thread-safe:
 * each connection uses its own from one thread at a time (its event loop, or under its session's lock).
 */
public final class RateLimiter {
    private static final long WINDOW_NANOS = 10_000_000_000L;

    public enum Verdict {
        ACCEPT,
        REFUSE,
        CLOSE
    }

    private final double perNano;
    private final double burst;
    private final int refusalsBeforeClose;
    private double tokens;
    private long refilledAt;
    private long windowStart;
    private int refusalsInWindow;

    public RateLimiter(int perSecond, int burst, int refusalsBeforeClose, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.refusalsBeforeClose = refusalsBeforeClose;
        this.tokens = burst;
        this.refilledAt = nowNanos;
        this.windowStart = nowNanos;
    }

    public Verdict admit(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * perNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        if (nowNanos - windowStart > WINDOW_NANOS) {
            windowStart = nowNanos;
            refusalsInWindow = 0;
        }
        return ++refusalsInWindow > refusalsBeforeClose ? Verdict.CLOSE : Verdict.REFUSE;
    }
}
