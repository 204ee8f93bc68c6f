package dev.signaling.dialect.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LoginNegotiationTest} against the packaged application (JVM jar or native binary). */
@QuarkusIntegrationTest
class LoginNegotiationIT extends LoginNegotiationTest {
}
