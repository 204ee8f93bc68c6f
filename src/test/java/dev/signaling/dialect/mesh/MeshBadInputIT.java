package dev.signaling.dialect.mesh;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MeshBadInputTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class MeshBadInputIT extends MeshBadInputTest {
}
