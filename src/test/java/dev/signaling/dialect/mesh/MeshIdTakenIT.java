package dev.signaling.dialect.mesh;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MeshIdTakenTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class MeshIdTakenIT extends MeshIdTakenTest {
}
