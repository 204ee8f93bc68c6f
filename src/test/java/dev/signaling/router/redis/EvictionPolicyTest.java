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
 * Redis's eviction policy, read from a real {@code INFO memory} (RESP3, as the link asks it): only a Redis with a
 * memory limit and a policy other than {@code noeviction} gets a warning.
 */
class EvictionPolicyTest {
    private final RedisServer server = RedisServer.start();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.close();
    }

    @Test
    void aRedisWithoutALimitOrThatRefusesWhenFullGetsNoWarning() {
        assertThat(EvictionPolicy.warning(info())).isEmpty(); // no limit, noeviction: the defaults
        server.run("CONFIG SET maxmemory-policy allkeys-lru");
        assertThat(EvictionPolicy.warning(info())).isEmpty(); // no limit: nothing is ever evicted
        server.run("CONFIG SET maxmemory-policy noeviction");
        server.run("CONFIG SET maxmemory 100mb");
        assertThat(EvictionPolicy.warning(info())).isEmpty();
    }

    @Test
    void aRedisThatEvictsWhenFullGetsAWarningNamingItsPolicyAndLimit() {
        server.run("CONFIG SET maxmemory 100mb");
        server.run("CONFIG SET maxmemory-policy volatile-lru"); // a common managed-Redis default
        assertThat(EvictionPolicy.warning(info())).hasValueSatisfying(warning -> assertThat(warning)
                .contains("maxmemory-policy volatile-lru, maxmemory 100.00M").contains("noeviction"));
        server.run("CONFIG SET maxmemory-policy allkeys-lfu");
        assertThat(EvictionPolicy.warning(info())).hasValueSatisfying(warning -> assertThat(warning)
                .contains("maxmemory-policy allkeys-lfu"));
    }

    private String info() {
        Redis client = Redis.createClient(vertx, server.url());
        try {
            return client.send(Request.cmd(Command.INFO).arg("memory")).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            client.close();
        }
    }
}
