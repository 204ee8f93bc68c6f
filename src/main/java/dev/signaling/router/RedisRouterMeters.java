package dev.signaling.router;

import dev.signaling.metrics.SignalingMetrics;
import dev.signaling.router.redis.RedisRouter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters only the Redis router has (docs/metrics.md): events that reached no one, operations waiting for room on
 * the connection to Redis, and operations refused at {@code signaling.redis.max-queued-operations}; and the upkeep
 * of Quarkus's meters of its Redis client. Registered by {@link RouterProducer} when it builds that router, so a
 * server on the local router shows none of them.
 */
final class RedisRouterMeters implements RedisRouter.Observer {
    private final MeterRegistry registry;

    RedisRouterMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void watch(RedisRouter router) {
        Gauge.builder("signaling.router.queued", router, RedisRouter::queuedOperations)
                .description("Operations waiting for room on this instance's connection to Redis")
                .register(registry);
    }

    @Override
    public void undeliverable(String reason, int count) {
        Counter.builder("signaling.router.undeliverable")
                .description("Events that reached no recipient (its instance or socket was gone)")
                .tag("reason", reason).register(registry).increment(count);
    }

    @Override
    public void queueFull() {
        SignalingMetrics.limitHits(registry, SignalingMetrics.Limit.QUEUED_OPERATIONS).increment();
    }

    /**
     * Quarkus's gauges of a Vert.x client (its pool's, its connections') read the client they were made for, and
     * the next client of the same name would find them taken: Micrometer keeps the first and warns. So the old
     * client's gauges go before the new one registers its own. Counters and timers are shared by name: they carry
     * on, and so add up over both clients.
     */
    @Override
    public void clientReplaced() {
        registry.getMeters().stream()
                .filter(meter -> meter instanceof Gauge && ofTheRoutersClient(meter.getId()))
                .forEach(registry::remove);
    }

    private static boolean ofTheRoutersClient(Meter.Id id) {
        return RedisRouter.METRICS_NAME.equals(id.getTag("pool.name"))
                || RedisRouter.METRICS_NAME.equals(id.getTag("clientName"));
    }
}
