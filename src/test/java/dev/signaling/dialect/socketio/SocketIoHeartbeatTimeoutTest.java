package dev.signaling.dialect.socketio;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.signaling.support.NodeScenario;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A client that vanishes without closing is dropped by the heartbeat and the others get userLeave (scenario 'vanish' of src/test/node/scenario.js, with real socket.io-client 4.x and 2.x). */
@QuarkusTest
class SocketIoHeartbeatTimeoutTest {

    @TestHTTPResource("/")
    URI server;

    @ParameterizedTest(name = "socket.io-client {0}.x, {1} transports")
    @CsvSource({ "4, default", "4, websocket", "2, default", "2, websocket" })
    void vanishedClientIsDroppedByTheHeartbeat(String client, String transports) {
        NodeScenario.run(server, "vanish", client, transports);
    }
}
