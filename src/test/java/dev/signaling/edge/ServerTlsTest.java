package dev.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signaling.support.NodeScenario;
import dev.signaling.support.ServerTlsProfile;
import dev.signaling.support.TestCertificate;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With a certificate configured ({@link ServerTlsProfile}), the server itself serves the demo page over {@code https}
 * and signaling over {@code wss} ({@code /signal}, and Socket.IO from polling to WebSocket), to clients that trust that
 * certificate and nothing else: a browser page needs a secure origin for the camera, so a server without a proxy in
 * front must speak TLS itself.
 */
@QuarkusTest
@TestProfile(ServerTlsProfile.class)
class ServerTlsTest {

    @TestHTTPResource(value = "/", tls = true)
    URI page;

    @TestHTTPResource(value = "/signal", tls = true)
    URI signal;

    @TestHTTPResource("/")
    URI plain;

    @Test
    void theDemoPageIsServedOverHttps() throws Exception {
        assertThat(page.getScheme()).isEqualTo("https");
        HttpResponse<String> response = trusting().send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("<html");
    }

    @Test
    void plainHttpIsSentToHttps() throws Exception {
        // HTTP/1.1, as browsers speak plain HTTP (Java's client would otherwise ask to upgrade to h2c, which Quarkus
        // answers 404 on the redirecting port).
        HttpResponse<Void> response = trusting().send(HttpRequest.newBuilder(plain).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isBetween(301, 308);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("https://"));
    }

    @Test
    void signalingWorksOverWss() {
        HttpClient http = trusting();
        try (TestClient a = TestClient.signal(http, signal); TestClient b = TestClient.signal(http, signal)) {
            TestClient.exchange(a, b, "over wss");
        }
    }

    /** Socket.IO (seed 000) with the real socket.io-client 4.x: HTTPS long-polling first, then the upgrade to wss. */
    @Test
    void socketIoWorksOverHttpsAndUpgradesToWss() {
        NodeScenario.run(List.of(page), "seed000", "4", "default",
                Map.of("NODE_EXTRA_CA_CERTS", ServerTlsProfile.CERTIFICATE.certificate().toString()));
    }

    /** A client trusting the server's certificate and nothing else (built once the test's server has made it). */
    private static HttpClient trusting() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .sslContext(TestCertificate.trusting(ServerTlsProfile.CERTIFICATE)).build();
    }
}
