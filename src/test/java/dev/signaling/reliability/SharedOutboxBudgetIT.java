package dev.signaling.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SharedOutboxBudgetTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class SharedOutboxBudgetIT extends SharedOutboxBudgetTest {
}
