package dev.signaling.router;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.signaling.router.redis.RedisRouter;
import io.quarkus.arc.ClientProxy;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;

/**
 * Hands renewed TLS material for Redis to the Redis router. With a TLS registry configuration for Redis
 * ({@code quarkus.redis.tls-configuration-name=NAME}) and {@code quarkus.tls.NAME.reload-period}, Quarkus reads the
 * files again every period and announces the result; the router's connections to Redis were made from a copy of the
 * material read at start, so without this an instance whose client certificate was renewed (short-lived certificates
 * from cert-manager) could not connect again once its connections dropped.
 */
@ApplicationScoped
public class RedisTlsRenewal {
    private final Optional<String> redisTls;

    RedisTlsRenewal(@ConfigProperty(name = "quarkus.redis.tls-configuration-name") Optional<String> redisTls) {
        this.redisTls = redisTls;
    }

    void renewed(@Observes CertificateUpdatedEvent event, Router router) {
        // The injected router is a client proxy: the router itself is behind it.
        if (ClientProxy.unwrap(router) instanceof RedisRouter redis && redisTls.isPresent()
                && redisTls.get().equals(event.name())) {
            TlsConfiguration tls = event.tlsConfiguration();
            redis.renewTls(tls.getKeyStoreOptions(), tls.getTrustStoreOptions());
        }
    }
}
