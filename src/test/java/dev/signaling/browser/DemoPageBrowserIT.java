package dev.signaling.browser;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DemoPageBrowserTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class DemoPageBrowserIT extends DemoPageBrowserTest {
}
