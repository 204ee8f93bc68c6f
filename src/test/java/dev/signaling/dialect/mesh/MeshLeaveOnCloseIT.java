package dev.signaling.dialect.mesh;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MeshLeaveOnCloseTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class MeshLeaveOnCloseIT extends MeshLeaveOnCloseTest {
}
