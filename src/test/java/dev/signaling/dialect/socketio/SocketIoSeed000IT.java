package dev.signaling.dialect.socketio;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SocketIoSeed000IT extends SocketIoSeed000Test {
}
