package dev.signaling.dialect.signal;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WelcomeTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class WelcomeIT extends WelcomeTest {
}
