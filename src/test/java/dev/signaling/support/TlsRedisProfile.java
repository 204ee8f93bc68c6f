package dev.signaling.support;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The server on the Redis router, reaching a TLS-only {@code redis-server} (started for the test, with a certificate
 * made by {@code openssl}, asking clients for theirs as Redis does by default) through a TLS registry configuration,
 * as the README tells operators to: the Redis's certificate trusted and the client's certificate and key in
 * {@code quarkus.tls.redis.*}, named by {@code quarkus.redis.tls-configuration-name}, and the files read again every
 * {@link #RELOAD_PERIOD} (a renewal takes effect without a restart). The client's certificate starts as a copy of the
 * Redis's own, which Redis trusts, in files of its own ({@link #CLIENT}) that a test may replace. What the server
 * warns of goes to {@link #LOG_FILE} too.
 */
public class TlsRedisProfile implements QuarkusTestProfile {
    public static final String RELOAD_PERIOD = "1s";
    /**
     * What the server logs at WARN and above, in the test's process or the packaged app's (the IT). Appended to by
     * every run: read it from where it ended before the test ({@link #logSince}).
     */
    public static final Path LOG_FILE = Path.of("target", "tls-redis", "server.log").toAbsolutePath();
    /** The instance's client certificate and key, as files. */
    public static final TestCertificate CLIENT = new TestCertificate(
            Path.of("target", "tls-redis-client", "cert.pem").toAbsolutePath(),
            Path.of("target", "tls-redis-client", "key.pem").toAbsolutePath());

    /** Marks a test's {@link RedisServer} field, to be given the profile's Redis. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Redis {
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.router", "redis", "quarkus.tls.redis.reload-period", RELOAD_PERIOD,
                // A file handler of its own: @QuarkusIntegrationTest watches quarkus.log.file.path for the start-up.
                "quarkus.log.handler.file.\"warnings\".enabled", "true",
                "quarkus.log.handler.file.\"warnings\".path", LOG_FILE.toString(),
                "quarkus.log.handler.file.\"warnings\".level", "WARN",
                "quarkus.log.handlers", "warnings");
    }

    /** Where {@link #LOG_FILE} ends now. */
    public static long logEnd() throws IOException {
        return Files.exists(LOG_FILE) ? Files.size(LOG_FILE) : 0;
    }

    /** What the server logged (WARN and above) after {@code end}, which {@link #logEnd} gave. */
    public static String logSince(long end) throws IOException {
        byte[] log = Files.readAllBytes(LOG_FILE);
        return new String(log, (int) end, log.length - (int) end, StandardCharsets.UTF_8);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TlsRedis.class));
    }

    /** Starts the Redis before the server, and tells the server where it is and which certificate to trust. */
    public static class TlsRedis implements QuarkusTestResourceLifecycleManager {
        private RedisServer server;

        @Override
        public Map<String, String> start() {
            server = RedisServer.startTls(true);
            // The server's own certificate serves as the client's here: Redis trusts what it signed.
            CLIENT.replaceWith(server.ownCertificate());
            return Map.of("quarkus.redis.hosts", server.url(),
                    "quarkus.redis.tls-configuration-name", "redis",
                    "quarkus.tls.redis.trust-store.pem.certs", server.certificate().toString(),
                    "quarkus.tls.redis.key-store.pem.0.cert", CLIENT.certificate().toString(),
                    "quarkus.tls.redis.key-store.pem.0.key", CLIENT.key().toString());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Redis.class, RedisServer.class));
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }
}
