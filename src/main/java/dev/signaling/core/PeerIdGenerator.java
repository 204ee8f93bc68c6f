package dev.signaling.core;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes {@link PeerId}s from a {@link SecureRandom}. A bean rather than a static field so that the generator is
 * created (and seeded) when the process starts, never frozen into a native image at build time.
 */
@ApplicationScoped
public class PeerIdGenerator {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();

    public PeerId next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new PeerId(BASE64URL.encodeToString(bytes));
    }
}
