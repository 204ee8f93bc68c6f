package dev.signaling.dialect.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LoginBadInputTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class LoginBadInputIT extends LoginBadInputTest {
}
