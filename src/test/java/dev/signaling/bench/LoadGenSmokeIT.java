package dev.signaling.bench;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LoadGenSmokeTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class LoadGenSmokeIT extends LoadGenSmokeTest {
}
