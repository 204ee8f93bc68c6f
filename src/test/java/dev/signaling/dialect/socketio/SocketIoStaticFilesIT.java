package dev.signaling.dialect.socketio;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SocketIoStaticFilesIT extends SocketIoStaticFilesTest {
}
