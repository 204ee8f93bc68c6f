package dev.signaling.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ForbiddenRoomTest} against the packaged application. */
@QuarkusIntegrationTest
class ForbiddenRoomIT extends ForbiddenRoomTest {
}
