package dev.signaling.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Grant;
import dev.signaling.core.RoomName;
import dev.signaling.support.TestKeys;
import dev.signaling.support.Tokens;

/** The verifier on its own: key set-ups, the reason of every refusal, and the grant of a good token. */
class TokenVerifierTest {

    @TempDir
    Path dir;

    @Test
    void aPemFileVerifiesRs256AndEveryRefusalHasItsReason() throws Exception {
        Path pem = dir.resolve("public.pem");
        Files.writeString(pem, TestKeys.pem(TestKeys.RSA));
        TokenVerifier verifier = new TokenVerifier(auth(null, null, pem.toString()));
        Instant now = Instant.now();

        Access good = verifier.verify(Tokens.rs256().sub("ada").name("Ada L.").rooms("a", "b").mint());
        assertThat(good.grant()).isEqualTo(new Grant("ada", "Ada L.", java.util.Set.of("a", "b"),
                good.grant().expiresAt()));
        assertThat(good.grant().allows(new RoomName("a"))).isTrue();
        assertThat(good.grant().allows(new RoomName("c"))).isFalse();

        assertThat(verifier.verify(null).failure()).isEqualTo(AccessFailure.MISSING);
        assertThat(verifier.verify("abc").failure()).isEqualTo(AccessFailure.MALFORMED);
        assertThat(verifier.verify("a".repeat(9000) + ".b.c").failure()).isEqualTo(AccessFailure.MALFORMED);
        assertThat(verifier.verify("e30.e30.e30").failure()).isIn(AccessFailure.MALFORMED, AccessFailure.BAD_SIGNATURE);
        assertThat(verifier.verify(Tokens.wrongKey().rooms("*").mint()).failure())
                .isEqualTo(AccessFailure.BAD_SIGNATURE);
        assertThat(verifier.verify(Tokens.es256().rooms("*").mint()).failure()).isEqualTo(AccessFailure.BAD_SIGNATURE);
        assertThat(verifier.verify(Tokens.rs256().rooms("*").expiresAt(now.minusSeconds(60)).mint()).failure())
                .isEqualTo(AccessFailure.EXPIRED);
        assertThat(verifier.verify(Tokens.rs256().rooms("*").notBefore(now.plusSeconds(60)).mint()).failure())
                .isEqualTo(AccessFailure.NOT_YET_VALID);
        assertThat(verifier.verify(Tokens.rs256().sub(null).rooms("*").mint()).failure())
                .isEqualTo(AccessFailure.INVALID_CLAIMS);
        assertThat(verifier.verify(Tokens.rs256().mint()).failure()).isEqualTo(AccessFailure.NO_ROOMS);
    }

    @Test
    void theClockSkewForgivesASlightlyLateToken() {
        TokenVerifier verifier = new TokenVerifier(auth(null, TestKeys.jwks(), null));
        String late = Tokens.rs256().rooms("*").expiresAt(Instant.now().minusSeconds(10)).mint();
        assertThat(verifier.verify(late).isGranted()).isTrue(); // skew 30 s in auth() below
    }

    @Test
    void hs256NeedsALongEnoughSecretAndRejectsOtherSecrets() {
        assertThatThrownBy(() -> new TokenVerifier(auth("short", null, null)))
                .hasMessageContaining("at least 32 bytes");
        TokenVerifier verifier = new TokenVerifier(auth(TestKeys.HMAC_SECRET, null, null));
        assertThat(verifier.verify(Tokens.hs256(TestKeys.HMAC_SECRET).rooms("*").mint()).isGranted()).isTrue();
        assertThat(verifier.verify(Tokens.hs256(TestKeys.HMAC_SECRET + "x").rooms("*").mint()).failure())
                .isEqualTo(AccessFailure.BAD_SIGNATURE);
        // An RS256 token cannot talk its way in against an HS256 server, nor the reverse (see the rejection test).
        assertThat(verifier.verify(Tokens.rs256().rooms("*").mint()).failure()).isEqualTo(AccessFailure.BAD_SIGNATURE);
    }

    @Test
    void exactlyOneKeyMustBeConfigured() {
        assertThatThrownBy(() -> new TokenVerifier(auth(null, null, null))).hasMessageContaining("exactly one key");
        assertThatThrownBy(() -> new TokenVerifier(auth(TestKeys.HMAC_SECRET, TestKeys.jwks(), null)))
                .hasMessageContaining("exactly one key");
    }

    private static SignalingConfig.Auth auth(String secret, String publicKey, String location) {
        return new SignalingConfig.Auth() {
            public boolean enabled() {
                return true;
            }

            public Optional<String> secret() {
                return Optional.ofNullable(secret);
            }

            public Optional<String> publicKey() {
                return Optional.ofNullable(publicKey);
            }

            public Optional<String> publicKeyLocation() {
                return Optional.ofNullable(location);
            }

            public Optional<String> issuer() {
                return Optional.empty();
            }

            public Optional<String> audience() {
                return Optional.empty();
            }

            public Duration clockSkew() {
                return Duration.ofSeconds(30);
            }

            public int maxTokenLength() {
                return 8192;
            }

            public SignalingConfig.FailedChecksLimit rateLimit() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
