package dev.signaling.cluster;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RedisOverTlsTest} against the packaged application (JVM jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class RedisOverTlsIT extends RedisOverTlsTest {
}
