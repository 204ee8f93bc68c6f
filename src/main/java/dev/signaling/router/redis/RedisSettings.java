package dev.signaling.router.redis;

import java.time.Duration;

/**
 * How a {@link RedisRouter} keeps time: how often it refreshes its heartbeat and looks for dead instances, how long
 * a heartbeat lives (an instance silent that long is dead, and its peers leave every room), and how long an
 * operation may wait for Redis before the client gets {@code unavailable}.
 */
public record RedisSettings(Duration heartbeatInterval, Duration instanceTtl, Duration operationTimeout) {
    public RedisSettings {
        if (instanceTtl.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("the instance TTL must be longer than the heartbeat interval");
        }
    }
}
