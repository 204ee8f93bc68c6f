package dev.signaling.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ConnectionResetTest} against the packaged application. */
@QuarkusIntegrationTest
class ConnectionResetIT extends ConnectionResetTest {
}
