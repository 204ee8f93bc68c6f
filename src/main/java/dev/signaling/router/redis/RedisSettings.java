package dev.signaling.router.redis;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How a {@link RedisRouter} uses Redis: what its keys and channels start with ({@code keyPrefix}), and how it keeps
 * time: how often it refreshes its heartbeat and looks for dead instances, how long a heartbeat lives (an instance
 * silent that long is dead, and its peers leave every room; an instance that got no answer from Redis that long
 * reconnects), and how long an operation may wait for Redis before the client gets {@code unavailable}; how many
 * clients' operations may wait for room on the connection to Redis ({@link RedisLink}) before the next one gets
 * {@code unavailable} at once; and how many bytes of messages the bus may bring ahead of a reply the lane owes before
 * the lane counts as stuck and the connections are dropped ({@link AnswerOrder}).
 */
public record RedisSettings(Duration heartbeatInterval, Duration instanceTtl, Duration operationTimeout,
        int maxQueuedOperations, long maxHeldBusBytes, String keyPrefix) {
    /**
     * Bytes of bus messages held up behind a reply, at most. Normally what waits is what the bus brought before the
     * lane's reply was read: at most 0.83 MB in the cluster benchmarks (pingpong with 2 KB payloads; 0.53 MB in a
     * burst of 40,000 joins). A stuck lane would hold everything the bus brings until the link's watchdog gives up on
     * it, an instance TTL later.
     */
    public static final long DEFAULT_MAX_HELD_BUS_BYTES = 32L << 20;

    /** The default of {@code signaling.redis.key-prefix}. */
    public static final String DEFAULT_KEY_PREFIX = "sig:";

    /** What a prefix may hold: it is written into the room script as a Lua string, and into key patterns of ACLs. */
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9:_.-]{1,64}");

    public RedisSettings {
        if (instanceTtl.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("the instance TTL must be longer than the heartbeat interval");
        }
        if (maxQueuedOperations < 0) {
            throw new IllegalArgumentException("the number of queued operations cannot be negative");
        }
        if (maxHeldBusBytes < 1) {
            throw new IllegalArgumentException("bus messages must be allowed to wait for a reply");
        }
        if (!KEY_PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("signaling.redis.key-prefix must be 1 to 64 letters, digits and : _ . -"
                    + " (found \"" + keyPrefix + "\")");
        }
    }

    public RedisSettings(Duration heartbeatInterval, Duration instanceTtl, Duration operationTimeout,
            int maxQueuedOperations, String keyPrefix) {
        this(heartbeatInterval, instanceTtl, operationTimeout, maxQueuedOperations, DEFAULT_MAX_HELD_BUS_BYTES,
                keyPrefix);
    }

    public RedisSettings(Duration heartbeatInterval, Duration instanceTtl, Duration operationTimeout,
            int maxQueuedOperations) {
        this(heartbeatInterval, instanceTtl, operationTimeout, maxQueuedOperations, DEFAULT_KEY_PREFIX);
    }
}
