package dev.signaling.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HeartbeatTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class HeartbeatIT extends HeartbeatTest {
}
