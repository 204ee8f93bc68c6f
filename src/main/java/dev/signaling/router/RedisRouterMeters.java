package dev.signaling.router;

import dev.signaling.metrics.SignalingMetrics;
import dev.signaling.router.redis.RedisRouter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters only the Redis router has (docs/metrics.md): events that reached no one, operations waiting for room on
 * the connection to Redis, and operations refused at {@code signaling.redis.max-queued-operations}. Registered by
 * {@link RouterProducer} when it builds that router, so a server on the local router shows none of them.
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
}
