package dev.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/** An operator's {@code quarkus.vertx.event-loops-pool-size} wins over our one-loop-per-core default. */
@QuarkusTest
@TestProfile(EventLoopsConfiguredTest.ThreeLoops.class)
class EventLoopsConfiguredTest {

    public static class ThreeLoops implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.vertx.event-loops-pool-size", "3");
        }
    }

    @Inject
    Vertx vertx;

    @Test
    void theConfiguredCountWins() {
        assertThat(EventLoopsPerCoreTest.eventLoops(vertx)).isEqualTo(3);
    }
}
