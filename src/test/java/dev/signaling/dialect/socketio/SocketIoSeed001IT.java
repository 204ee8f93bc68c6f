package dev.signaling.dialect.socketio;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SocketIoSeed001IT extends SocketIoSeed001Test {
}
