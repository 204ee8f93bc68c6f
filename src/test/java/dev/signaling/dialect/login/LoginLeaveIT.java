package dev.signaling.dialect.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LoginLeaveTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class LoginLeaveIT extends LoginLeaveTest {
}
