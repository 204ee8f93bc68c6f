package dev.signaling.dialect.mesh;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MeshNegotiationTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class MeshNegotiationIT extends MeshNegotiationTest {
}
