package dev.signaling.router.redis;

import java.time.Duration;

/**
 * How a {@link RedisRouter} keeps time: how often it refreshes its heartbeat and looks for dead instances, how long
 * a heartbeat lives (an instance silent that long is dead, and its peers leave every room; an instance that got no
 * answer from Redis that long reconnects), and how long an operation may wait for Redis before the client gets
 * {@code unavailable}; and how many clients' operations may wait for room on the connection to Redis
 * ({@link RedisLink}) before the next one gets {@code unavailable} at once.
 */
public record RedisSettings(Duration heartbeatInterval, Duration instanceTtl, Duration operationTimeout,
        int maxQueuedOperations) {
    public RedisSettings {
        if (instanceTtl.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("the instance TTL must be longer than the heartbeat interval");
        }
        if (maxQueuedOperations < 0) {
            throw new IllegalArgumentException("the number of queued operations cannot be negative");
        }
    }
}
