package dev.signaling.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate ({@code cert.pem}) and its key ({@code key.pem}), made by {@code openssl} for a test
 * (apt-get install openssl): for a TLS-only Redis, or the server itself serving {@code https} and {@code wss}.
 */
public record TestCertificate(Path certificate, Path key) {

    /** Makes one in {@code dir}, for the names in {@code subjectAltNames} (e.g. {@code DNS:localhost,IP:127.0.0.1}). */
    public static TestCertificate make(Path dir, String subjectAltNames) {
        TestCertificate made = new TestCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        try {
            Files.createDirectories(dir);
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", made.key.toString(), "-out", made.certificate.toString(), "-days", "2",
                    "-subj", "/CN=signaling-test", "-addext", "subjectAltName=" + subjectAltNames)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl could not make a certificate: see " + dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run openssl (apt-get install openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return made;
    }

    /** A TLS context that trusts this certificate and nothing else. */
    public SSLContext trustingContext() {
        try (InputStream pem = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
