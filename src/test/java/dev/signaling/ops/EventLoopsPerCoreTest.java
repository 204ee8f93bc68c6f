package dev.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.MultithreadEventExecutorGroup;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Vert.x runs one event loop per core the process may use, as our config source (dev.signaling.edge.EventLoopsPerCore)
 * says. On two or more cores Quarkus's own default gives the same count, so the test also checks where the setting
 * came from: without our source it would come from nowhere.
 */
@QuarkusTest
class EventLoopsPerCoreTest {

    @Inject
    Vertx vertx;

    @Test
    void oneEventLoopPerCoreFromOurDefault() {
        ConfigValue setting = ConfigProvider.getConfig().getConfigValue("quarkus.vertx.event-loops-pool-size");
        assertThat(setting.getSourceName()).isEqualTo("signaling: one event loop per core");
        assertThat(setting.getValue()).isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
        assertThat(eventLoops(vertx)).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    static int eventLoops(Vertx vertx) {
        return ((MultithreadEventExecutorGroup) ((VertxInternal) vertx).getEventLoopGroup()).executorCount();
    }
}
