package dev.signaling.ops;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LogPrivacyTest} against the packaged application. */
@QuarkusIntegrationTest
class LogPrivacyIT extends LogPrivacyTest {
}
