package dev.signaling.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RateLimitTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class RateLimitIT extends RateLimitTest {
}
