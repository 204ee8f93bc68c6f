package dev.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The {@code mp.context.ThreadContext.*} settings in application.properties switch off the context snapshot that
 * Mutiny would otherwise wrap around every callback (some for every frame sent and received). Mutiny asks the
 * context-propagation library to wrap; with nothing to propagate or clear it hands the callback back as it is. Should
 * a Quarkus upgrade read those settings differently, or the properties be dropped, the callbacks come back wrapped and
 * this fails.
 */
@QuarkusTest
class ContextPropagationOffTest {

    @Test
    void mutinyCallbacksAreNotWrappedInAContextSnapshot() {
        Supplier<String> supplier = () -> "frame";
        Consumer<String> consumer = ignored -> {
        };

        assertThat(Infrastructure.decorate(supplier)).isSameAs(supplier);
        assertThat(Infrastructure.decorate(consumer)).isSameAs(consumer);
    }
}
