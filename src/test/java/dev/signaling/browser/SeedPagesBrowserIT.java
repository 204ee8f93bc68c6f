package dev.signaling.browser;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SeedPagesBrowserTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class SeedPagesBrowserIT extends SeedPagesBrowserTest {
}
