package dev.signaling.dialect.socketio;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class EngineIoHeartbeatIT extends EngineIoHeartbeatTest {
}
