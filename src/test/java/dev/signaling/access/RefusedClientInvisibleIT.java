package dev.signaling.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RefusedClientInvisibleTest} against the packaged application. */
@QuarkusIntegrationTest
class RefusedClientInvisibleIT extends RefusedClientInvisibleTest {
}
