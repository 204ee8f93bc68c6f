package dev.signaling.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Grant;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Verifies access tokens with SmallRye JWT and turns their claims into a {@link Grant}. HS256 with a shared secret,
 * or RS256/ES256 with a public key (PEM, JWK or JWKS); never {@code none}, and never HS256 when a public key is
 * configured (no algorithm confusion). Keys are read once, at construction, so verifying does no I/O.
 * <p>
 * Exception messages of the JWT library quote the token; nothing here logs them or passes them on.
 */
public final class TokenVerifier {
    /** Three base64url parts: a compact JWS. Anything else is refused before the parser sees it. */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_CLAIM_LENGTH = 256;

    private final JWTAuthContextInfo context;
    private final DefaultJWTParser parser;
    private final int maxTokenLength;

    public TokenVerifier(SignalingConfig.Auth config) {
        this.context = context(config);
        this.parser = new DefaultJWTParser(context);
        this.maxTokenLength = config.maxTokenLength();
    }

    /** The grant {@code token} carries, or the reason it carries none. */
    public Access verify(String token) {
        if (token == null || token.isEmpty()) {
            return Access.refused(AccessFailure.MISSING);
        }
        if (token.length() > maxTokenLength || !COMPACT_JWS.matcher(token).matches()) {
            return Access.refused(AccessFailure.MALFORMED);
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token, context);
        } catch (ParseException e) {
            return Access.refused(classify(e));
        }
        return grantOf(jwt);
    }

    private static Access grantOf(JsonWebToken jwt) {
        String subject = jwt.getSubject();
        Object name = jwt.getClaim("name");
        if (!usable(subject) || (name != null && !(name instanceof String || name instanceof JsonString))) {
            return Access.refused(AccessFailure.INVALID_CLAIMS);
        }
        String displayName = name == null ? null : name instanceof JsonString s ? s.getString() : (String) name;
        if (displayName != null && !usable(displayName)) {
            return Access.refused(AccessFailure.INVALID_CLAIMS);
        }
        Set<String> rooms = rooms(jwt.getClaim("rooms"));
        if (rooms == null) {
            return Access.refused(AccessFailure.INVALID_CLAIMS);
        }
        if (rooms.isEmpty()) {
            return Access.refused(AccessFailure.NO_ROOMS);
        }
        long exp = jwt.getExpirationTime();
        return Access.granted(new Grant(subject, displayName, rooms, exp > 0 ? Instant.ofEpochSecond(exp) : null));
    }

    /** The {@code rooms} claim as names; an absent claim grants none; null when it is not a list of strings. */
    private static Set<String> rooms(Object claim) {
        Set<String> rooms = new LinkedHashSet<>();
        if (claim == null) {
            return rooms;
        }
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (!(value instanceof JsonString s) || s.getString().isEmpty()) {
                    return null;
                }
                rooms.add(s.getString());
            }
            return rooms;
        }
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                String room = value instanceof JsonString s ? s.getString() : value instanceof String s ? s : null;
                if (room == null || room.isEmpty()) {
                    return null;
                }
                rooms.add(room);
            }
            return rooms;
        }
        return null;
    }

    private static boolean usable(String text) {
        return text != null && !text.isEmpty() && text.length() <= MAX_CLAIM_LENGTH
                && text.chars().noneMatch(Character::isISOControl);
    }

    /** Maps the library's failure to a reason from a small fixed set (a metric tag); never uses its message. */
    static AccessFailure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return AccessFailure.EXPIRED;
                }
                if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
                    return AccessFailure.NOT_YET_VALID;
                }
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return AccessFailure.BAD_SIGNATURE;
                }
                if (invalid.hasErrorCode(ErrorCodes.JSON_INVALID)) {
                    return AccessFailure.MALFORMED;
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)
                        || invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
                        || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)
                        || invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)
                        || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)
                        || invalid.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
                    return AccessFailure.INVALID_CLAIMS;
                }
                // Anything else (an algorithm not allowed for the key, an unreadable JOSE object, exp before iat):
                // the token cannot be verified.
                return AccessFailure.BAD_SIGNATURE;
            }
        }
        // No JWT verdict: the key could not be resolved or the algorithm is not allowed for it.
        return AccessFailure.BAD_SIGNATURE;
    }

    private static JWTAuthContextInfo context(SignalingConfig.Auth config) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        boolean hasSecret = config.secret().isPresent();
        boolean hasPublicKey = config.publicKey().isPresent() || config.publicKeyLocation().isPresent();
        if (hasSecret == hasPublicKey) {
            throw new IllegalStateException("signaling.auth.enabled=true needs exactly one key: signaling.auth.secret "
                    + "(HS256), or signaling.auth.public-key / signaling.auth.public-key-location (RS256/ES256)");
        }
        if (config.publicKey().isPresent() && config.publicKeyLocation().isPresent()) {
            throw new IllegalStateException(
                    "set only one of signaling.auth.public-key and signaling.auth.public-key-location");
        }
        if (hasSecret) {
            byte[] secret = config.secret().get().getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("signaling.auth.secret must be at least " + MIN_SECRET_BYTES
                        + " bytes long for HS256");
            }
            context.setSecretVerificationKey(new SecretKeySpec(secret, "HmacSHA256"));
            context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        } else {
            String content = config.publicKey().orElseGet(() -> read(config.publicKeyLocation().get())).trim();
            if (content.startsWith("{")) {
                // A JWK or JWKS: each key names its type, and the token's kid picks the key.
                context.setPublicKeyContent(content);
                context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
            } else {
                // A PEM key: its own type decides the one algorithm accepted.
                PublicKey key = pemPublicKey(content);
                context.setPublicVerificationKey(key);
                context.setSignatureAlgorithm(Set.of(key instanceof RSAPublicKey ? SignatureAlgorithm.RS256
                        : SignatureAlgorithm.ES256));
            }
        }
        config.issuer().ifPresent(context::setIssuedBy);
        config.audience().ifPresent(aud -> context.setExpectedAudience(Set.of(aud)));
        int skew = (int) Math.min(Integer.MAX_VALUE, Math.max(0, config.clockSkew().toSeconds()));
        context.setClockSkew(skew);
        context.setExpGracePeriodSecs(skew);
        context.setRequireNamedPrincipal(false); // we require `sub` ourselves, and only `sub`
        return context;
    }

    /** An RSA or EC public key from PEM (SubjectPublicKeyInfo, "BEGIN PUBLIC KEY"). */
    static PublicKey pemPublicKey(String pem) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the signaling.auth public key is neither PEM nor a JWK/JWKS document", e);
        }
        for (String algorithm : new String[] { "RSA", "EC" }) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisType) {
                // try the next type
            }
        }
        throw new IllegalStateException("the signaling.auth public key is not an RSA or EC public key");
    }

    private static String read(String location) {
        try {
            return Files.readString(Path.of(location.startsWith("file:") ? location.substring(5) : location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signaling.auth.public-key-location " + location, e);
        }
    }
}
