package dev.signaling.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ReadBackpressureTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class ReadBackpressureIT extends ReadBackpressureTest {
}
