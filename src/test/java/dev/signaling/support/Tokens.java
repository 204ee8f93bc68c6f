package dev.signaling.support;

import java.security.Key;
import java.time.Instant;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Mints access tokens for tests: {@code Tokens.rs256().sub("ada").rooms("r").mint()}. */
public final class Tokens {
    private final Key key;
    private final String algorithm;
    private final String kid;
    private final JwtClaims claims = new JwtClaims();

    private Tokens(Key key, String algorithm, String kid) {
        this.key = key;
        this.algorithm = algorithm;
        this.kid = kid;
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(600).getEpochSecond()));
        claims.setSubject("ada");
    }

    public static Tokens rs256() {
        return new Tokens(TestKeys.RSA.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, TestKeys.RSA_KID);
    }

    public static Tokens es256() {
        return new Tokens(TestKeys.EC.getPrivate(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                TestKeys.EC_KID);
    }

    /** Signed with a key the server does not trust, under a trusted key id. */
    public static Tokens wrongKey() {
        return new Tokens(TestKeys.STRANGER.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, TestKeys.RSA_KID);
    }

    public static Tokens hs256(String secret) {
        return new Tokens(new SecretKeySpec(secret.getBytes(), "HmacSHA256"), AlgorithmIdentifiers.HMAC_SHA256, null);
    }

    public Tokens sub(String subject) {
        if (subject == null) {
            claims.unsetClaim("sub");
        } else {
            claims.setSubject(subject);
        }
        return this;
    }

    public Tokens name(String name) {
        claims.setClaim("name", name);
        return this;
    }

    public Tokens rooms(String... rooms) {
        claims.setStringListClaim("rooms", List.of(rooms));
        return this;
    }

    /** Sets {@code exp}; a token already expired was issued (iat) before it, as a real one would be. */
    public Tokens expiresAt(Instant instant) {
        claims.setExpirationTime(NumericDate.fromSeconds(instant.getEpochSecond()));
        if (instant.isBefore(Instant.now())) {
            claims.setIssuedAt(NumericDate.fromSeconds(instant.minusSeconds(300).getEpochSecond()));
        }
        return this;
    }

    public Tokens notBefore(Instant instant) {
        claims.setNotBefore(NumericDate.fromSeconds(instant.getEpochSecond()));
        return this;
    }

    public String mint() {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
