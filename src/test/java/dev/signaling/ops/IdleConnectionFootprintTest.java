package dev.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * The two settings that keep an idle connection's heap small (docs/benchmarks.md, "Memory model") are in force:
 * WebSockets Next's per-connection callback queue starts with 16 slots instead of 256, and on Linux x86-64 the
 * sockets run on Netty's epoll transport rather than the JDK's NIO.
 */
@QuarkusTest
class IdleConnectionFootprintTest {

    @Inject
    Vertx vertx;

    @Test
    void eachConnectionsCallbackQueueStartsSmall() {
        assertThat(Infrastructure.getBufferSizeS()).isEqualTo(16);
    }

    @Test
    void onLinuxX86TheSocketsRunOnEpoll() {
        boolean linuxX86 = System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        assumeTrue(linuxX86, "the epoll jar in the pom is for Linux x86-64");
        assertThat(vertx.isNativeTransportEnabled()).isTrue();
    }
}
