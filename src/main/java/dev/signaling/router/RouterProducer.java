package dev.signaling.router;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.signaling.config.SignalingConfig;
import dev.signaling.router.redis.RedisRouter;
import dev.signaling.router.redis.RedisSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * The one place that decides which {@link Router} the server runs with ({@code signaling.router}). The Redis client
 * is looked up only for {@code redis}: the default needs no Redis at all.
 */
@ApplicationScoped
public class RouterProducer {

    @Produces
    @ApplicationScoped
    Router router(SignalingConfig config, Instance<Redis> redis, Vertx vertx, MeterRegistry registry) {
        return switch (config.router()) {
            case local -> new LocalRouter();
            case redis -> {
                SignalingConfig.Redis timing = config.redis();
                RedisRouterMeters meters = new RedisRouterMeters(registry);
                RedisRouter router = new RedisRouter(vertx, redis.get(),
                        new RedisSettings(timing.heartbeatInterval(), timing.instanceTtl(), timing.operationTimeout(),
                                timing.maxQueuedOperations()),
                        meters);
                meters.watch(router);
                router.start();
                yield router;
            }
        };
    }

    void close(@Disposes Router router) {
        if (router instanceof RedisRouter redis) {
            redis.stop().toCompletableFuture().join();
        }
    }
}
