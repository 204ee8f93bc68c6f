package dev.signaling.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthRateLimitTest} against the packaged application. */
@QuarkusIntegrationTest
class AuthRateLimitIT extends AuthRateLimitTest {
}
