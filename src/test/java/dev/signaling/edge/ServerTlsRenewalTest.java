package dev.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.signaling.support.ServerTlsProfile;
import dev.signaling.support.ServerTlsRenewalProfile;
import dev.signaling.support.TestCertificate;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What certbot or cert-manager does to a running server ({@link ServerTlsRenewalProfile}): new certificate files in
 * place of the old. The server presents the new certificate to new connections within a few reload periods, without
 * a restart. (A connection that arrives while the server swaps certificates may be reset, a Vert.x 4.5 race that
 * {@code CertificateRenewal} keeps to the swaps themselves: the wait below tries again.)
 */
@QuarkusTest
@TestProfile(ServerTlsRenewalProfile.class)
class ServerTlsRenewalTest {

    @TestHTTPResource(value = "/", tls = true)
    URI page;

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        X509Certificate first = ServerTlsProfile.CERTIFICATE.read();
        X509Certificate renewal = ServerTlsProfile.RENEWAL.read();
        await().atMost(ServerTlsRenewalProfile.RELOAD_PERIOD.multipliedBy(10)).ignoreExceptions()
                .until(() -> presented().equals(first));

        ServerTlsProfile.CERTIFICATE.replaceWith(ServerTlsProfile.RENEWAL);

        await().atMost(ServerTlsRenewalProfile.RELOAD_PERIOD.multipliedBy(15)).ignoreExceptions()
                .until(() -> presented().equals(renewal));
        assertThat(presented()).isEqualTo(renewal);
    }

    /** The certificate the server presents to a new TLS connection (no session to resume: a context of its own). */
    private X509Certificate presented() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestCertificate.trusting(ServerTlsProfile.CERTIFICATE,
                ServerTlsProfile.RENEWAL).getSocketFactory().createSocket(page.getHost(), page.getPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
