package dev.signaling.dialect.socketio;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.signaling.support.NodeScenario;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Seed 001 (the codelab): created, join/joined/ready, full at two, logs, message to the other member only, ipaddr, bye (scenario 'seed001' of src/test/node/scenario.js, with real socket.io-client 4.x and 2.x). */
@QuarkusTest
class SocketIoSeed001Test {

    @TestHTTPResource("/")
    URI server;

    @ParameterizedTest(name = "socket.io-client {0}.x, {1} transports")
    @CsvSource({ "4, default", "4, websocket", "2, default", "2, websocket" })
    void codelabFlowWorksWithAStockClient(String client, String transports) {
        NodeScenario.run(server, "seed001", client, transports);
    }
}
