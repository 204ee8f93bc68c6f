package dev.signaling.router;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.signaling.config.SignalingConfig;
import dev.signaling.router.redis.RedisRouter;
import dev.signaling.router.redis.RedisSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * The one place that decides which {@link Router} the server runs with ({@code signaling.router}). The Redis client
 * is looked up only for {@code redis}: the default needs no Redis at all. The Redis router makes its own client with
 * the options of Quarkus's ({@link RedisClientOptions}); looking Quarkus's client up makes sure it was built, and so
 * that its options were handed over.
 */
@ApplicationScoped
public class RouterProducer {

    // At start-up, not at first use: a Redis router connects then, and is ready by the first readiness probe.
    @Produces
    @ApplicationScoped
    @Startup
    Router router(SignalingConfig config, Instance<Redis> redis, RedisClientOptions redisOptions, Vertx vertx,
            MeterRegistry registry) {
        return switch (config.router()) {
            case local -> new LocalRouter();
            case redis -> {
                SignalingConfig.Redis timing = config.redis();
                RedisRouterMeters meters = new RedisRouterMeters(registry);
                redis.get(); // built at start-up, with its options handed to RedisClientOptions
                RedisRouter router = new RedisRouter(vertx, redisOptions.defaultClient(),
                        new RedisSettings(timing.heartbeatInterval(), timing.instanceTtl(), timing.operationTimeout(),
                                timing.maxQueuedOperations(), timing.keyPrefix()),
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
