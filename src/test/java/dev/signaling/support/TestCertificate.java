package dev.signaling.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate ({@code cert.pem}) and its key ({@code key.pem}), made by {@code openssl} for a test
 * (apt-get install openssl): for a TLS-only Redis, or the server itself serving {@code https} and {@code wss}.
 */
public record TestCertificate(Path certificate, Path key) {

    /**
     * Makes one in {@code dir}, for the names in {@code subjectAltNames} (e.g. {@code DNS:localhost,IP:127.0.0.1}),
     * with a subject of its own (a client trusting two certificates of one subject may check against the wrong one).
     */
    public static TestCertificate make(Path dir, String subjectAltNames) {
        TestCertificate made = new TestCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        try {
            Files.createDirectories(dir);
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", made.key.toString(), "-out", made.certificate.toString(), "-days", "2",
                    "-subj", "/CN=signaling-test-" + UUID.randomUUID(), "-addext", "subjectAltName=" + subjectAltNames)
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

    /**
     * Puts copies of {@code renewal}'s files in place of this one's, each in one step (a reader never sees half a
     * file), the key first: what certbot or cert-manager does to files a running server reads.
     */
    public void replaceWith(TestCertificate renewal) {
        replace(key, renewal.key);
        replace(certificate, renewal.certificate);
    }

    private static void replace(Path target, Path source) {
        Path next = target.resolveSibling(target.getFileName() + ".next");
        try {
            Files.createDirectories(target.getParent());
            Files.copy(source, next, StandardCopyOption.REPLACE_EXISTING);
            Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate, read. */
    public X509Certificate read() {
        try (InputStream pem = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context (with a session cache of its own) that trusts these certificates and nothing else. */
    public static SSLContext trusting(TestCertificate... certificates) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (int i = 0; i < certificates.length; i++) {
                trusted.setCertificateEntry("test-" + i, certificates[i].read());
            }
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
