package dev.signaling.dialect.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LoginConcurrentUsersTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class LoginConcurrentUsersIT extends LoginConcurrentUsersTest {
}
