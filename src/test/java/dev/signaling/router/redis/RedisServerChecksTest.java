package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.signaling.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * What the link warns about Redis itself, read from a real {@code INFO} (RESP3, as the link asks it): a Redis that may
 * evict keys (a memory limit and a policy other than {@code noeviction}), and a node of a Redis Cluster.
 */
class RedisServerChecksTest {
    private final Vertx vertx = Vertx.vertx();
    private RedisServer server;

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.close();
    }

    @Test
    void aRedisWithoutALimitOrThatRefusesWhenFullGetsNoWarning() {
        server = RedisServer.start();
        assertThat(RedisServerChecks.warnings(info())).isEmpty(); // no limit, noeviction: the defaults
        server.run("CONFIG SET maxmemory-policy allkeys-lru");
        assertThat(RedisServerChecks.warnings(info())).isEmpty(); // no limit: nothing is ever evicted
        server.run("CONFIG SET maxmemory-policy noeviction");
        server.run("CONFIG SET maxmemory 100mb");
        assertThat(RedisServerChecks.warnings(info())).isEmpty();
    }

    @Test
    void aRedisThatEvictsWhenFullGetsAWarningNamingItsPolicyAndLimit() {
        server = RedisServer.start();
        server.run("CONFIG SET maxmemory 100mb");
        server.run("CONFIG SET maxmemory-policy volatile-lru"); // a common managed-Redis default
        assertThat(RedisServerChecks.warnings(info())).singleElement().asString()
                .contains("maxmemory-policy volatile-lru, maxmemory 100.00M").contains("noeviction");
        server.run("CONFIG SET maxmemory-policy allkeys-lfu");
        assertThat(RedisServerChecks.warnings(info())).singleElement().asString()
                .contains("maxmemory-policy allkeys-lfu");
    }

    @Test
    void aNodeOfARedisClusterGetsAWarning() {
        server = RedisServer.startClusterNode();
        assertThat(RedisServerChecks.warnings(info())).singleElement().asString()
                .startsWith("Redis runs as a node of a Redis Cluster").contains("Sentinel");
    }

    private String info() {
        Redis client = Redis.createClient(vertx, server.url());
        try {
            return client.send(Request.cmd(Command.INFO)).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            client.close();
        }
    }
}
