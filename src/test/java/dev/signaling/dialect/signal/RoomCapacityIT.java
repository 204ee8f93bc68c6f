package dev.signaling.dialect.signal;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RoomCapacityTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class RoomCapacityIT extends RoomCapacityTest {
}
