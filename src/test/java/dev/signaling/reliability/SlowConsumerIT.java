package dev.signaling.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SlowConsumerTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class SlowConsumerIT extends SlowConsumerTest {
}
