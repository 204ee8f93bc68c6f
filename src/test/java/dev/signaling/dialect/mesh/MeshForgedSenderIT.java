package dev.signaling.dialect.mesh;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MeshForgedSenderTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class MeshForgedSenderIT extends MeshForgedSenderTest {
}
