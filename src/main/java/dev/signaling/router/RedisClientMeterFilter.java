package dev.signaling.router;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.signaling.router.redis.RedisRouter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Leaves out two gauges Quarkus registers for the Redis router's client, which would show a closed connection.
 * Quarkus's Vert.x metrics make {@code redis.queue.size} and {@code redis.current} for each connection a client opens,
 * all under the client's one name, so only the first connection's pair is registered (Micrometer ignores the others,
 * with a warning at every start: the router opens two connections) and, after the first reconnect, the gauges read a
 * connection that is gone. What waits for Redis is {@code signaling_router_queued}; the client's other meters (its
 * commands, bytes and pool) add up over all its connections and stay.
 */
@Singleton
public class RedisClientMeterFilter {
    private static final Set<String> PER_CONNECTION_GAUGES = Set.of("redis.queue.size", "redis.current");

    @Produces
    @Singleton
    MeterFilter leaveOutTheRouterClientsPerConnectionGauges() {
        return MeterFilter.deny(id -> PER_CONNECTION_GAUGES.contains(id.getName())
                && RedisRouter.METRICS_NAME.equals(id.getTag("clientName")));
    }
}
