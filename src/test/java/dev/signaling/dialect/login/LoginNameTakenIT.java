package dev.signaling.dialect.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LoginNameTakenTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class LoginNameTakenIT extends LoginNameTakenTest {
}
