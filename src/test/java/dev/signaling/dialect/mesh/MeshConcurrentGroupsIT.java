package dev.signaling.dialect.mesh;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MeshConcurrentGroupsTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class MeshConcurrentGroupsIT extends MeshConcurrentGroupsTest {
}
