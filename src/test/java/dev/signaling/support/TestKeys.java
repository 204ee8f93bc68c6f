package dev.signaling.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * Keys made fresh in every test JVM (none is committed): the RSA and EC keys the server trusts in {@link AuthProfile}
 * (as a JWKS), and a third key it does not know (the "wrong key"). The HS256 secret is test-only too.
 */
public final class TestKeys {
    public static final KeyPair RSA = generate("RSA", null);
    public static final KeyPair EC = generate("EC", "secp256r1");
    public static final KeyPair STRANGER = generate("RSA", null);
    public static final String RSA_KID = "test-rsa";
    public static final String EC_KID = "test-ec";
    public static final String HMAC_SECRET = "test-only-hs256-secret-0123456789abcdef";

    private TestKeys() {
    }

    /** The trusted public keys as a one-line JWKS document. */
    public static String jwks() {
        try {
            RsaJsonWebKey rsa = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) RSA.getPublic());
            rsa.setKeyId(RSA_KID);
            EllipticCurveJsonWebKey ec = new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) EC.getPublic());
            ec.setKeyId(EC_KID);
            return new JsonWebKeySet(List.<JsonWebKey>of(rsa, ec)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key in PEM. */
    public static String pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
