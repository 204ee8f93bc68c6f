package dev.signaling.turn;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TurnNotConfiguredTest} against the packaged application. */
@QuarkusIntegrationTest
class TurnNotConfiguredIT extends TurnNotConfiguredTest {
}
