package dev.signaling.dialect.socketio;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.signaling.support.NodeScenario;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** An emit with an acknowledgement callback is answered (scenario 'ack' of src/test/node/scenario.js, with real socket.io-client 4.x and 2.x). */
@QuarkusTest
class SocketIoAckTest {

    @TestHTTPResource("/")
    URI server;

    @ParameterizedTest(name = "socket.io-client {0}.x, {1} transports")
    @CsvSource({ "4, default", "4, websocket", "2, default", "2, websocket" })
    void acknowledgementsAreAnswered(String client, String transports) {
        NodeScenario.run(server, "ack", client, transports);
    }
}
