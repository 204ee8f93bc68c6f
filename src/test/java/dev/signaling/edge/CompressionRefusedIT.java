package dev.signaling.edge;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CompressionRefusedTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class CompressionRefusedIT extends CompressionRefusedTest {
}
