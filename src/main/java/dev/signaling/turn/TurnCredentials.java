package dev.signaling.turn;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the scheme of the TURN REST API, as coturn checks them with
 * {@code use-auth-secret}: the user name is {@code <expiry unix time>:<user>} and the password is
 * base64(HMAC-SHA1(secret, user name)). The TURN server needs only the shared secret: no user database, and a
 * credential stops working by itself once its expiry time has passed.
 */
public final class TurnCredentials {
    private static final String HMAC = "HmacSHA1";

    private final SecretKeySpec key;
    private final Duration ttl;
    private final List<String> urls;
    private final Clock clock;

    public TurnCredentials(String secret, Duration ttl, List<String> urls, Clock clock) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the TURN secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
        this.ttl = ttl;
        this.urls = List.copyOf(urls);
        this.clock = clock;
    }

    /** A credential for {@code user} (a peer id or token subject; must not contain ':'), valid for the TTL from now. */
    public Issued issue(String user) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String username = expiry + ":" + user.replace(':', '_');
        return new Issued(urls, username, sign(username), ttl.toSeconds());
    }

    /** base64(HMAC-SHA1(secret, username)). */
    String sign(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 is unavailable", e);
        }
    }

    /** One issued credential: the TURN URLs it is for, user name, password and seconds it stays valid. */
    public record Issued(List<String> urls, String username, String credential, long ttl) {
    }
}
