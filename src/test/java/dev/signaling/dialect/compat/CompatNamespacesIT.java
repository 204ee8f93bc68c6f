package dev.signaling.dialect.compat;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CompatNamespacesTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class CompatNamespacesIT extends CompatNamespacesTest {
}
