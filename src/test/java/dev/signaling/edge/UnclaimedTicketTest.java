package dev.signaling.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Router;

/**
 * A WebSocket upgrade takes its connection ticket before the handshake; if the socket never opens (another check
 * refused it, the client went away), the gate's sweep gives the ticket back once {@link
 * ConnectionGate#UNCLAIMED_TTL_MS} has passed, and not before. A socket that opened is not the sweep's business.
 */
@QuarkusTest
class UnclaimedTicketTest {
    static final long TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(ConnectionGate.UNCLAIMED_TTL_MS);

    @Inject
    ConnectionGate gate;

    @TestHTTPResource("/signal")
    URI signal;

    /**
     * Takes the ticket of an upgrade whose socket will never open (what the upgrade check does, then nothing) and
     * answers with the key it waits under.
     */
    @ApplicationScoped
    static class ReserveOnlyRoute {
        void routes(@Observes Router router) {
            router.get("/test/reserve-upgrade").handler(context -> {
                int refusal = Arc.container().instance(ConnectionGate.class).get().reserveUpgrade(context.request());
                context.response().end(refusal == 0 ? ConnectionGate.socketKey(context.request().remoteAddress())
                        : "refused " + refusal);
            });
        }
    }

    @Test
    void aTicketNoSocketClaimedIsGivenBackAfterItsTimeToLive() {
        String key = given().get("/test/reserve-upgrade").then().statusCode(200).extract().asString();
        assertThat(gate.holdsUnclaimed(key)).as("reserved under %s", key).isTrue();

        gate.expireUnclaimed(System.nanoTime());
        assertThat(gate.holdsUnclaimed(key)).as("before its time").isTrue();
        assertThat(gate.expireUnclaimed(System.nanoTime() + TTL_NANOS)).as("given back").isPositive();
        assertThat(gate.holdsUnclaimed(key)).as("after it").isFalse();
    }

    @Test
    void aSweepLeavesOpenSocketsAlone() {
        try (TestClient client = TestClient.connect(signal)) {
            client.awaitType("welcome");
            int open = gate.count();
            // Upgrades other test classes had refused may still wait here, so only this socket is looked at.
            gate.expireUnclaimed(System.nanoTime() + TTL_NANOS);
            client.send(TestClient.msg("type", "ping"));
            client.awaitType("pong");
            assertThat(gate.count()).as("still counted").isPositive().isLessThanOrEqualTo(open);
        }
    }
}
