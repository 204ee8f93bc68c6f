package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.signaling.router.RedisRouters;
import dev.signaling.support.RedisServer;
import io.vertx.redis.client.RedisOptions;

/**
 * An instance that is not ready says why, for the readiness check's data: the last connection failure as Redis or
 * the network gave it (a refused connection, a wrong password), never the password itself.
 */
class RedisReadinessReasonTest {
    private final RedisRouters routers = new RedisRouters();
    private final RedisServer server = routers.server();

    @AfterEach
    void stop() {
        routers.close();
    }

    @Test
    void aRefusedConnectionIsTheReasonUntilRedisAnswers() {
        server.kill();
        RedisRouter router = start("redis://127.0.0.1:" + server.port());
        await().atMost(Duration.ofSeconds(10)).until(() -> router.whyNotReady().orElse("").startsWith(
                "no connection to Redis: ") && router.whyNotReady().get().contains("Connection refused"));

        server.restart();
        await().atMost(Duration.ofSeconds(10)).until(router::isReady);
        assertThat(router.whyNotReady()).isEmpty();
    }

    @Test
    void aWrongPasswordIsTheReasonAndTheReasonHoldsNoPassword() {
        assertThat(server.run("CONFIG SET requirepass right-one")).isEqualTo("+OK");
        RedisRouter router = start("redis://:wrong-one@127.0.0.1:" + server.port());
        await().atMost(Duration.ofSeconds(10)).until(() -> router.whyNotReady().orElse("").contains("WRONGPASS"));
        assertThat(router.whyNotReady().get()).doesNotContain("wrong-one").doesNotContain("right-one");
        assertThat(router.isReady()).isFalse();
    }

    private RedisRouter start(String url) {
        return routers.startedWith(new RedisOptions().setConnectionString(url), RedisRouters.FAST,
                (reason, count) -> { });
    }
}
