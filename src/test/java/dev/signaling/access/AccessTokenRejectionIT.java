package dev.signaling.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AccessTokenRejectionTest} against the packaged application. */
@QuarkusIntegrationTest
class AccessTokenRejectionIT extends AccessTokenRejectionTest {
}
