package dev.signaling.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TokenExpiryTest} against the packaged application. */
@QuarkusIntegrationTest
class TokenExpiryIT extends TokenExpiryTest {
}
