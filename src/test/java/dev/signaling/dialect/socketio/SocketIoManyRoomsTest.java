package dev.signaling.dialect.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.signaling.support.NodeScenario;
import dev.signaling.support.Scrape;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 100 clients in 50 rooms exchange messages with none lost or misdelivered (scenario 'crowd' of
 * src/test/node/scenario.js, with real socket.io-client 4.x and 2.x), and once they are gone every packet has given
 * its share of the shared outbox budget back (polling queues, the upgrade, WebSocket writes, closes).
 */
@QuarkusTest
class SocketIoManyRoomsTest {

    @TestHTTPResource("/")
    URI server;

    @ParameterizedTest(name = "socket.io-client {0}.x, {1} transports")
    @CsvSource({ "4, default", "4, websocket", "2, default", "2, websocket" })
    void hundredClientsInFiftyRoomsLoseNothing(String client, String transports) {
        NodeScenario.run(server, "crowd", client, transports);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Scrape.value("signaling_outbox_held_bytes")).isZero());
    }
}
