package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;

/**
 * The link's client has a name of its own in the metrics, and gives up on sockets the link gave up on: a connect, or a
 * socket that reads nothing, for longer than twice the instance TTL ({@code RedisUnresponsiveTest} shows why). What
 * the operator set stays, when tighter, and the options the link was given are left as they were.
 */
class RedisLinkOptionsTest {
    private static final Duration DEAD_AFTER = Duration.ofMillis(12_000);

    @Test
    void theLinksPoolHasItsOwnNameAndSocketsTheLinkGaveUpOnAreClosed() {
        RedisOptions given = new RedisOptions().setConnectionString("redis://store:6380");

        RedisOptions used = RedisLink.clientOptions(given, DEAD_AFTER);

        assertThat(used.getEndpoint()).isEqualTo("redis://store:6380");
        assertThat(used.getPoolName()).isEqualTo("signaling-router");
        assertThat(used.getMetricsName()).isEqualTo("redis|signaling-router");
        assertThat(given.getPoolName()).isNotEqualTo("signaling-router");
        assertThat(given.getMetricsName()).isNotEqualTo("redis|signaling-router");
        assertThat(used.getNetClientOptions().getConnectTimeout()).isEqualTo(12_000); // the Vert.x default is 60 s
        assertThat(used.getNetClientOptions().getIdleTimeoutUnit()).isEqualTo(TimeUnit.SECONDS);
        assertThat(used.getNetClientOptions().getReadIdleTimeout()).isEqualTo(13); // rounded up
        assertThat(given.getNetClientOptions().getConnectTimeout()).isEqualTo(NetClientOptions.DEFAULT_CONNECT_TIMEOUT);
        assertThat(given.getNetClientOptions().getReadIdleTimeout()).isZero();
    }

    @Test
    void tighterTimeoutsTheOperatorSetStay() {
        RedisOptions given = new RedisOptions().setNetClientOptions(new NetClientOptions().setConnectTimeout(2_000)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setReadIdleTimeout(5_000).setIdleTimeout(30_000));

        NetClientOptions used = RedisLink.clientOptions(given, DEAD_AFTER).getNetClientOptions();

        assertThat(used.getConnectTimeout()).isEqualTo(2_000);
        assertThat(used.getReadIdleTimeout()).isEqualTo(5_000);
        assertThat(used.getIdleTimeout()).isEqualTo(30_000);
    }

    @Test
    void looserTimeoutsAreCappedInTheOperatorsUnit() {
        RedisOptions given = new RedisOptions().setNetClientOptions(new NetClientOptions().setConnectTimeout(90_000)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setReadIdleTimeout(600_000));

        NetClientOptions used = RedisLink.clientOptions(given, DEAD_AFTER).getNetClientOptions();

        assertThat(used.getConnectTimeout()).isEqualTo(12_000);
        assertThat(used.getIdleTimeoutUnit()).isEqualTo(TimeUnit.MILLISECONDS);
        assertThat(used.getReadIdleTimeout()).isEqualTo(12_001);
    }
}
