package dev.signaling.router.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Redis the cluster uses must not be, read from its {@code INFO} when an instance connects; each finding is a
 * warning for the operator (the instance goes on: these break it only in time, or in ways it reports itself).
 *
 * <p>Eviction: only {@code noeviction} is safe. Under a {@code volatile-*} policy Redis evicts keys with an expiry
 * first, and the instances' heartbeats are such keys (an instance whose heartbeat was evicted looks dead, and its peers
 * leave every room); under an {@code allkeys-*} policy rooms and memberships go too. Managed Redis services often
 * default to {@code volatile-lru}. A Redis without a memory limit ({@code maxmemory:0}) evicts nothing, whatever its
 * policy.
 *
 * <p>Redis Cluster: the room script builds its keys' names itself and uses keys of many rooms in one call, so it
 * needs all of them on one Redis; a node of a Redis Cluster refuses keys of other nodes' slots.
 */
final class RedisServerChecks {
    private RedisServerChecks() {
    }

    /** The warnings for the Redis that answered {@code info} (its {@code INFO}), if any. */
    static List<String> warnings(String info) {
        List<String> warnings = new ArrayList<>();
        String policy = field(info, "maxmemory_policy");
        String limit = field(info, "maxmemory");
        if (policy != null && limit != null && !policy.equals("noeviction") && !limit.equals("0")) {
            String human = field(info, "maxmemory_human");
            warnings.add("Redis may evict this cluster's keys when it is full (maxmemory-policy " + policy
                    + ", maxmemory " + (human == null ? limit : human) + "): an evicted heartbeat makes its instance"
                    + " look dead and its peers leave every room. Set maxmemory-policy to noeviction (a full Redis then"
                    + " refuses new joins, which clients are told are unavailable, and everything else goes on)");
        }
        if ("1".equals(field(info, "cluster_enabled"))) {
            warnings.add("Redis runs as a node of a Redis Cluster, which the Redis router does not support: its"
                    + " operations use keys of many rooms at once, and a node refuses keys of other nodes' slots."
                    + " Use one Redis, or a primary with replicas (Sentinel)");
        }
        return warnings;
    }

    /** The value of {@code name} in an INFO reply ({@code name:value} lines), or null. */
    private static String field(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":")).findFirst()
                .map(line -> line.substring(name.length() + 1).trim()).orElse(null);
    }
}
