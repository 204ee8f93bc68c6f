package dev.signaling.router;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import dev.signaling.router.redis.RedisRouter;
import dev.signaling.router.redis.RedisSettings;
import dev.signaling.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisOptions;

/**
 * A test's own Redis, and ready {@link RedisRouter}s on it (fast heartbeats unless told otherwise); {@link #close()}
 * lets a paused Redis go on, stops the routers, then the Redis.
 */
public final class RedisRouters implements AutoCloseable {
    public static final RedisSettings FAST = new RedisSettings(Duration.ofMillis(200), Duration.ofMillis(800),
            Duration.ofSeconds(3), 20_000);

    /**
     * Heartbeats far apart (every 10 s, dead after 30 s), so that pausing Redis for a while neither makes an instance
     * look dead nor makes it start over; {@code operationTimeout} is what the test pauses past, or stays under.
     */
    public static RedisSettings patient(Duration operationTimeout) {
        return patient(operationTimeout, FAST.maxQueuedOperations());
    }

    public static RedisSettings patient(Duration operationTimeout, int maxQueuedOperations) {
        return new RedisSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), operationTimeout, maxQueuedOperations);
    }

    private final Vertx vertx = Vertx.vertx();
    private final RedisServer server;
    private final List<RedisRouter> made = new ArrayList<>();

    /** Starts a {@link RedisServer} of its own. */
    public RedisRouters() {
        this.server = RedisServer.start();
    }

    public RedisServer server() {
        return server;
    }

    public RedisRouter ready() {
        return ready(FAST);
    }

    public RedisRouter ready(RedisSettings settings) {
        return ready(settings, (reason, count) -> {
        });
    }

    public RedisRouter ready(RedisSettings settings, RedisRouter.Observer observer) {
        return readyAt(server.url(), settings, observer);
    }

    /** A router that reaches this Redis through {@code url} (a proxy in front of it, say). */
    public RedisRouter readyAt(String url, RedisSettings settings) {
        return readyAt(url, settings, (reason, count) -> {
        });
    }

    public RedisRouter readyAt(String url, RedisSettings settings, RedisRouter.Observer observer) {
        return readyWith(new RedisOptions().setConnectionString(url), settings, observer);
    }

    /** A router whose client has these options, with a pool of 4 connections. */
    public RedisRouter readyWith(RedisOptions options, RedisSettings settings, RedisRouter.Observer observer) {
        RedisRouter router = startedWith(options, settings, observer);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(router::isReady);
        return router;
    }

    /** A router started with these options (a pool of 4 connections), ready or not: it may never reach Redis. */
    public RedisRouter startedWith(RedisOptions options, RedisSettings settings, RedisRouter.Observer observer) {
        RedisRouter router = new RedisRouter(vertx, new RedisOptions(options).setMaxPoolSize(4).setMaxPoolWaiting(64),
                settings, observer);
        router.start();
        made.add(router);
        return router;
    }

    void stopAll() {
        for (RedisRouter router : made) {
            try {
                router.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        made.clear();
    }

    @Override
    public void close() {
        try {
            server.resume(); // a test may have ended while Redis was paused: the routers could not say goodbye
            stopAll();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        } finally {
            server.close();
        }
    }
}
