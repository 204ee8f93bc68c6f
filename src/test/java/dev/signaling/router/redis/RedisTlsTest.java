package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.Payload;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.router.RedisRouters;
import dev.signaling.support.LogRecords;
import dev.signaling.support.RedisServer;
import dev.signaling.support.TestCertificate;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.RedisOptions;

/**
 * A Redis that speaks only TLS ({@code rediss://}, as managed services with encryption in transit do), trusted
 * through its certificate: the link's own client keeps the TLS settings it was given (it copies and adjusts the
 * options Quarkus built, {@code RedisLink.clientOptions}), and a room works across two instances over it, also with
 * the hostname check stated as a TLS registry configuration states it ({@link RedisTls}). A client that does not trust
 * the certificate gets no connection.
 */
class RedisTlsTest {
    private RedisServer server;
    private RedisRouters routers;

    @BeforeEach
    void start() {
        server = RedisServer.startTls();
        routers = new RedisRouters();
    }

    @AfterEach
    void stop() {
        routers.close();
        server.close();
    }

    @Test
    void aRoomWorksAcrossTwoInstancesOverTls() throws Exception {
        aRoomWorksOver(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(server.certificate().toString())));
    }

    /** As a TLS registry configuration that trusts the certificate and sets nothing else reaches the client. */
    @Test
    void settingsThatNameNoHostnameCheckCheckTheHostname() throws Exception {
        aRoomWorksOver(new NetClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(server.certificate().toString())));
    }

    /** As a TLS registry configuration with trust-all and hostname-verification-algorithm=NONE reaches the client. */
    @Test
    void noneIsNoHostnameCheck() throws Exception {
        aRoomWorksOver(new NetClientOptions().setSsl(true).setTrustAll(true).setHostnameVerificationAlgorithm("NONE"));
    }

    /** A Redis that asks for the client's certificate, as Redis does by default ({@code tls-auth-clients yes}). */
    @Test
    void aRedisThatAsksForTheClientsCertificateTakesOnlyAClientThatHasOne() throws Exception {
        server.close();
        server = RedisServer.startTls(true);
        NetClientOptions trusting = new NetClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(server.certificate().toString()));
        try (LogRecords client = LogRecords.of(ConnectionSetupErrors.LOGGER)) {
            RedisRouter without = routers.startedWith(new RedisOptions().setConnectionString(server.url())
                    .setNetClientOptions(trusting), RedisRouters.FAST, (reason, count) -> { });

            aRoomWorksOver(new NetClientOptions(trusting).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(server.certificate().toString()).setKeyPath(server.key().toString())));
            // The operator reads why: Redis's TLS alert, not a closed connection.
            await().atMost(Duration.ofSeconds(10)).until(() -> without.whyNotReady().orElse("")
                    .matches("no connection to Redis: .*SSLHandshakeException.*certificate_required.*"));
            assertThat(without.isReady()).isFalse();
            // ...once, from the link, and not again as the Vert.x client's stack trace at each retry (the first
            // retries come 100, 200 and 400 ms apart).
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(client.atLeast(Level.SEVERE)).isEmpty());
        }
    }

    /**
     * Redis moves to another authority and its connections drop (a client certificate renewed by cert-manager, say):
     * an instance handed the renewed certificate ({@code renewTls}) connects again; one still holding the old cannot.
     */
    @Test
    void aRenewedClientCertificateServesTheNextConnections() throws Exception {
        server.close();
        server = RedisServer.startTls(true);
        RedisOptions options = new RedisOptions().setConnectionString(server.url()).setNetClientOptions(
                new NetClientOptions().setSsl(true)
                        .setTrustOptions(new PemTrustOptions().addCertPath(server.certificate().toString()))
                        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(server.certificate().toString())
                                .setKeyPath(server.key().toString())));
        RedisRouter renewed = routers.readyWith(options, RedisRouters.FAST, (reason, count) -> { });
        RedisRouter stale = routers.readyWith(options, RedisRouters.FAST, (reason, count) -> { });
        TestCertificate next = TestCertificate.make(Files.createTempDirectory("renewed-"), "IP:127.0.0.1");

        renewed.renewTls(new PemKeyCertOptions().setCertPath(next.certificate().toString())
                .setKeyPath(next.key().toString()), null);
        assertThat(server.tlsCommands("CONFIG SET tls-ca-cert-file " + next.certificate(), "CLIENT KILL TYPE normal",
                "CLIENT KILL TYPE pubsub")).startsWith("OK");

        // Redis refuses the old certificate, and the stale instance says so.
        await().atMost(Duration.ofSeconds(10)).until(() -> stale.whyNotReady().orElse("")
                .matches("no connection to Redis: .*SSLHandshakeException.*unknown_ca.*"));
        await().atMost(Duration.ofSeconds(10)).until(renewed::isReady);
        RedisRouter other = routers.readyWith(new RedisOptions(options).setNetClientOptions(
                new NetClientOptions(options.getNetClientOptions()).setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(next.certificate().toString()).setKeyPath(next.key().toString()))),
                RedisRouters.FAST, (reason, count) -> { });
        PeerPair pair = PeerPair.across(renewed, other);
        Payload data = new Payload("\"after the renewal\"");
        done(renewed.relay(pair.room(), pair.a().id(), Recipient.EVERYONE, RelayKind.MESSAGE, data));
        pair.awaitBHeard(data);
        assertThat(stale.isReady()).isFalse();
    }

    private void aRoomWorksOver(NetClientOptions tls) throws Exception {
        RedisOptions overTls = new RedisOptions().setConnectionString(server.url()).setNetClientOptions(tls);
        RedisRouter one = routers.readyWith(overTls, RedisRouters.FAST, (reason, count) -> { });
        RedisRouter two = routers.readyWith(overTls, RedisRouters.FAST, (reason, count) -> { });
        PeerPair pair = PeerPair.across(one, two);

        Payload data = new Payload("\"over tls\"");
        done(one.relay(pair.room(), pair.a().id(), Recipient.EVERYONE, RelayKind.MESSAGE, data));
        pair.awaitBHeard(data);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateGetsNoConnectionAndSaysSo() {
        RedisOptions untrusting = new RedisOptions().setConnectionString(server.url())
                .setNetClientOptions(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS"));
        RedisRouter router = routers.startedWith(untrusting, RedisRouters.FAST, (reason, count) -> { });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> router.whyNotReady().orElse("").startsWith("no connection to Redis: "));
        assertThat(router.isReady()).isFalse();
    }
}
