package dev.signaling.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The server serving {@code https} and {@code wss} itself, with no proxy in front, configured as the README says: a
 * certificate and key in PEM files ({@link #CERTIFICATE}, made by {@code openssl} before the server starts) named in
 * {@code quarkus.tls.key-store.*}, plain HTTP redirected to TLS, and a free TLS port.
 */
public class ServerTlsProfile implements QuarkusTestProfile {
    public static final Path DIR = Path.of("target", "server-tls").toAbsolutePath();
    private static final int PORT = Ports.free();
    /** The certificate the server starts with. */
    public static final TestCertificate CERTIFICATE = new TestCertificate(DIR.resolve("cert.pem"),
            DIR.resolve("key.pem"));
    /** Its renewal, for a test to put in its place ({@link ServerTlsRenewalProfile}). */
    public static final TestCertificate RENEWAL = new TestCertificate(DIR.resolve("renewal").resolve("cert.pem"),
            DIR.resolve("renewal").resolve("key.pem"));

    @Override
    public Map<String, String> getConfigOverrides() {
        // A port of its own rather than 0: the packaged application's (the IT's) actual random port would not reach
        // the test's URLs.
        return Map.of("quarkus.http.test-ssl-port", Integer.toString(PORT),
                "quarkus.http.insecure-requests", "redirect");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Certificate.class));
    }

    /** Makes the certificate before the server starts, and tells the server where it is. */
    public static class Certificate implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            TestCertificate made = TestCertificate.make(DIR, "DNS:localhost,IP:127.0.0.1");
            TestCertificate.make(RENEWAL.certificate().getParent(), "DNS:localhost,IP:127.0.0.1");
            return Map.of("quarkus.tls.key-store.pem.0.cert", made.certificate().toString(),
                    "quarkus.tls.key-store.pem.0.key", made.key().toString());
        }

        @Override
        public void stop() {
        }
    }
}
