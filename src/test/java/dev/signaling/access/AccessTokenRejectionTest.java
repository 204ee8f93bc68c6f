package dev.signaling.access;

import static dev.signaling.support.TestClient.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.signaling.support.AuthProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every bad token is refused before the upgrade, on every dialect: 401 (403 for a token granting no room). */
@QuarkusTest
@TestProfile(AuthProfile.class)
class AccessTokenRejectionTest {
    static final String[] PATHS = { "/signal", "/compat/login", "/compat/mesh", "/compat/mesh/g" };

    @TestHTTPResource("/")
    URI root;

    static Stream<Arguments> refusals() {
        Instant now = Instant.now();
        String[][] cases = {
                { "missing", null, "401" },
                { "malformed", "not-a-jwt", "401" },
                { "malformed-base64-parts", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln", "401" },
                { "wrong-key", Tokens.wrongKey().rooms("*").mint(), "401" },
                { "alg-none", unsigned(), "401" },
                { "hs256-with-a-public-key-server", Tokens.hs256("x".repeat(40)).rooms("*").mint(), "401" },
                { "expired", Tokens.rs256().rooms("*").expiresAt(now.minusSeconds(120)).mint(), "401" },
                { "not-yet-valid", Tokens.es256().rooms("*").notBefore(now.plusSeconds(120)).mint(), "401" },
                { "no-subject", Tokens.rs256().sub(null).rooms("*").mint(), "401" },
                { "no-rooms", Tokens.rs256().mint(), "403" },
        };
        return Stream.of(PATHS).flatMap(path -> Stream.of(cases)
                .map(c -> Arguments.of(path, c[0], c[1], Integer.parseInt(c[2]))));
    }

    @ParameterizedTest(name = "{0} {1} in the query")
    @MethodSource("refusals")
    void aBadTokenInTheQueryIsRefusedBeforeTheUpgrade(String path, String kind, String token, int status) {
        URI uri = token == null ? root.resolve(path) : withQuery(root.resolve(path), "access_token=" + token);
        assertThat(TestClient.refusedUpgrade(uri, b -> {
        })).as(kind).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} {1} as a subprotocol")
    @MethodSource("refusals")
    void aBadTokenAsSubprotocolIsRefusedBeforeTheUpgrade(String path, String kind, String token, int status) {
        assertThat(TestClient.refusedUpgrade(root.resolve(path), b -> {
            if (token != null) {
                b.subprotocols(AccessPolicy.SUBPROTOCOL, token);
            }
        })).as(kind).isEqualTo(status);
    }

    /** A token claiming {@code alg: none}, with an empty signature. */
    private static String unsigned() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String claims = b64.encodeToString(("{\"sub\":\"ada\",\"rooms\":[\"*\"],\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}").getBytes());
        return header + "." + claims + ".AAAA";
    }
}
