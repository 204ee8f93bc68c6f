package dev.signaling.router.redis;

import java.util.Optional;

/**
 * Whether the Redis the cluster uses may evict its keys, read from {@code INFO memory}. Only {@code noeviction} is
 * safe: under a {@code volatile-*} policy Redis evicts keys with an expiry first, and the instances' heartbeats are
 * such keys (an instance whose heartbeat was evicted looks dead, and its peers leave every room); under an
 * {@code allkeys-*} policy rooms and memberships go too. Managed Redis services often default to {@code volatile-lru}.
 * A Redis without a memory limit ({@code maxmemory:0}) evicts nothing, whatever its policy.
 */
final class EvictionPolicy {
    private EvictionPolicy() {
    }

    /** The warning for an operator, if the Redis that answered {@code info} ({@code INFO memory}) may evict keys. */
    static Optional<String> warning(String info) {
        String policy = field(info, "maxmemory_policy");
        String limit = field(info, "maxmemory");
        if (policy == null || limit == null || policy.equals("noeviction") || limit.equals("0")) {
            return Optional.empty();
        }
        String human = field(info, "maxmemory_human");
        return Optional.of("Redis may evict this cluster's keys when it is full (maxmemory-policy " + policy
                + ", maxmemory " + (human == null ? limit : human) + "): an evicted heartbeat makes its instance look"
                + " dead and its peers leave every room. Set maxmemory-policy to noeviction (a full Redis then refuses"
                + " new joins, which clients are told are unavailable, and everything else goes on)");
    }

    /** The value of {@code name} in an INFO reply ({@code name:value} lines), or null. */
    private static String field(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":")).findFirst()
                .map(line -> line.substring(name.length() + 1).trim()).orElse(null);
    }
}
