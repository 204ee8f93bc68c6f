package dev.signaling.dialect.signal;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BadInputTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class BadInputIT extends BadInputTest {
}
