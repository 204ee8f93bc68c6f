package dev.signaling.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AccessTokenGrantTest} against the packaged application. */
@QuarkusIntegrationTest
class AccessTokenGrantIT extends AccessTokenGrantTest {
}
