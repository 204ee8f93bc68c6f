package dev.signaling.edge;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.signaling.config.SignalingConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.SSLOptions;

/**
 * Puts a renewed server certificate into service without a restart ({@code signaling.tls-renewal-check}): every
 * period it reads the HTTP server's TLS configuration again, and only when the certificate, key or trust changed does
 * it tell the HTTP server (Quarkus's {@link CertificateUpdatedEvent}, which makes the server swap its TLS context for
 * new connections; open ones keep theirs).
 *
 * <p>Why not Quarkus's {@code quarkus.tls.reload-period}: it fires that event at every period, changed or not, and
 * Vert.x 4.5 ({@code TCPServerBase.updateSSLOptions}) installs the new context as a pending future that new
 * connections read at once; a connection accepted before it completes fails ("Cannot invoke
 * SslContextUpdate.sslChannelProvider() because the return value of Future.result() is null") and is reset. Swapping
 * only on a change leaves that window at the renewals themselves.
 */
@ApplicationScoped
public class CertificateRenewal {
    /** What Quarkus calls the TLS configuration of {@code quarkus.tls.*} without a name. */
    private static final String DEFAULT_NAME = "<default>";

    private final TlsConfigurationRegistry registry;
    private final Event<CertificateUpdatedEvent> updated;
    private final Vertx vertx;
    private final SignalingConfig config;
    private final String name;
    private long timer = -1;

    CertificateRenewal(TlsConfigurationRegistry registry, Event<CertificateUpdatedEvent> updated, Vertx vertx,
            SignalingConfig config,
            @ConfigProperty(name = "quarkus.http.tls-configuration-name") Optional<String> httpTls) {
        this.registry = registry;
        this.updated = updated;
        this.vertx = vertx;
        this.config = config;
        this.name = httpTls.orElse(DEFAULT_NAME);
    }

    void start(@Observes StartupEvent started) {
        Duration every = config.tlsRenewalCheck().orElse(null);
        if (every == null) {
            return;
        }
        TlsConfiguration tls = configuration();
        if (tls == null || tls.getKeyStoreOptions() == null) {
            Log.warnf("signaling.tls-renewal-check is set, but the HTTP server has no certificate (TLS configuration"
                    + " %s)", name);
            return;
        }
        timer = vertx.setPeriodic(every.toMillis(), id -> vertx.executeBlocking(() -> {
            check(tls); // reads files: on a worker thread
            return null;
        }, false));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private TlsConfiguration configuration() {
        return DEFAULT_NAME.equals(name) ? registry.getDefault().orElse(null) : registry.get(name).orElse(null);
    }

    /** Reads the files again; tells the HTTP server when what they hold changed. */
    void check(TlsConfiguration tls) {
        SSLOptions before = tls.getSSLOptions(); // holds the current options; a reload puts new ones in their place
        if (!tls.reload()) {
            Log.warnf("Could not read the TLS certificate files again (TLS configuration %s); serving the current"
                    + " certificate", name);
            return;
        }
        if (!tls.getSSLOptions().equals(before)) {
            Log.infof("The TLS certificate files changed (TLS configuration %s): new connections get the new"
                    + " certificate", name);
            updated.fire(new CertificateUpdatedEvent(name, tls));
        }
    }
}
