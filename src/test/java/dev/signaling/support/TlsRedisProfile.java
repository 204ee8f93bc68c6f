package dev.signaling.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The server on the Redis router, reaching a TLS-only {@code redis-server} (started for the test, with a certificate
 * made by {@code openssl}, asking clients for theirs as Redis does by default) through a TLS registry configuration,
 * as the README tells operators to: the Redis's certificate trusted and the client's certificate and key in
 * {@code quarkus.tls.redis.*}, named by {@code quarkus.redis.tls-configuration-name}, nothing else set.
 */
public class TlsRedisProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.router", "redis");
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
            return Map.of("quarkus.redis.hosts", server.url(),
                    "quarkus.redis.tls-configuration-name", "redis",
                    "quarkus.tls.redis.trust-store.pem.certs", server.certificate().toString(),
                    // The server's own certificate serves as the client's here: Redis trusts what it signed.
                    "quarkus.tls.redis.key-store.pem.0.cert", server.certificate().toString(),
                    "quarkus.tls.redis.key-store.pem.0.key", server.key().toString());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }
}
