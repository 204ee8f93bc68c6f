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
 * ConnectionGate#UNCLAIMED_TTL_MS} has passed, and not before. A socket that opened keeps its ticket.
 */
@QuarkusTest
class UnclaimedTicketTest {
    static final long TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(ConnectionGate.UNCLAIMED_TTL_MS);

    @Inject
    ConnectionGate gate;

    @TestHTTPResource("/signal")
    URI signal;

    /** Takes the ticket of an upgrade whose socket will never open: what the upgrade check does, then nothing. */
    @ApplicationScoped
    static class ReserveOnlyRoute {
        void routes(@Observes Router router) {
            router.get("/test/reserve-upgrade").handler(context -> context.response().end(Integer.toString(
                    Arc.container().instance(ConnectionGate.class).get().reserveUpgrade(context.request()))));
        }
    }

    @Test
    void aTicketNoSocketClaimedIsGivenBackAfterItsTimeToLive() {
        assertThat(given().get("/test/reserve-upgrade").then().statusCode(200).extract().asString()).isEqualTo("0");

        assertThat(gate.expireUnclaimed(System.nanoTime())).as("before its time").isZero();
        assertThat(gate.expireUnclaimed(System.nanoTime() + TTL_NANOS)).as("after it").isEqualTo(1);
        assertThat(gate.expireUnclaimed(System.nanoTime() + TTL_NANOS)).as("given back once").isZero();
    }

    @Test
    void anOpenSocketKeepsItsTicket() {
        try (TestClient client = TestClient.connect(signal)) {
            client.awaitType("welcome");
            assertThat(gate.expireUnclaimed(System.nanoTime() + TTL_NANOS)).isZero();
            client.send(TestClient.msg("type", "ping"));
            client.awaitType("pong");
        }
    }
}
