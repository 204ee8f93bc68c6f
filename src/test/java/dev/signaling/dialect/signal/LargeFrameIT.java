package dev.signaling.dialect.signal;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LargeFrameTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class LargeFrameIT extends LargeFrameTest {
}
