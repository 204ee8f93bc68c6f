package dev.signaling.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address, spent by failed access checks. A client whose bucket is empty is refused
 * before its token is parsed, so a brute-force attempt costs at most {@code burst} plus {@code perMinute} token
 * verifications a minute per address. Memory is bounded too: past {@code maxClients} addresses, full (idle) buckets
 * are dropped, and if that is not enough new addresses share one overflow bucket.
 */
final class FailureLimiter {
    private static final String OVERFLOW = "";

    private final double burst;
    private final double perNano;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    FailureLimiter(int burst, int perMinute, int maxClients, LongSupplier nanoTime) {
        this.burst = Math.max(1, burst);
        this.perNano = Math.max(0, perMinute) / 60e9;
        this.maxClients = Math.max(1, maxClients);
        this.nanoTime = nanoTime;
    }

    /** Whether {@code client} has no failed check left to spend. */
    boolean exhausted(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket == null && buckets.size() >= maxClients) {
            bucket = buckets.get(OVERFLOW);
        }
        return bucket != null && bucket.available(nanoTime.getAsLong()) < 1;
    }

    /** Spends one failed check of {@code client}. */
    void failed(String client) {
        String key = client;
        if (!buckets.containsKey(key) && buckets.size() >= maxClients) {
            evictIdle();
            if (buckets.size() >= maxClients) {
                key = OVERFLOW;
            }
        }
        long now = nanoTime.getAsLong();
        buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).spend(now);
    }

    int trackedClients() {
        return buckets.size();
    }

    private void evictIdle() {
        long now = nanoTime.getAsLong();
        buckets.entrySet().removeIf(e -> e.getValue().available(now) >= burst);
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized double available(long now) {
            refill(now);
            return tokens;
        }

        synchronized void spend(long now) {
            refill(now);
            tokens = Math.max(0, tokens - 1);
        }

        private void refill(long now) {
            long elapsed = now - updated;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * perNano);
                updated = now;
            }
        }
    }
}
