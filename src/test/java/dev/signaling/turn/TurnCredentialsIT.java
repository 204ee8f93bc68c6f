package dev.signaling.turn;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TurnCredentialsTest} against the packaged application. */
@QuarkusIntegrationTest
class TurnCredentialsIT extends TurnCredentialsTest {
}
