package dev.signaling.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SocketIoAccessTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class SocketIoAccessIT extends SocketIoAccessTest {
}
