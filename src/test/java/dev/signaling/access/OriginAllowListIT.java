package dev.signaling.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OriginAllowListTest} against the packaged application. */
@QuarkusIntegrationTest
class OriginAllowListIT extends OriginAllowListTest {
}
