package dev.signaling.access;

import static dev.signaling.support.TestClient.msg;
import static dev.signaling.support.TestClient.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.AuthProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A valid token opens the socket, in the query, as a subprotocol or in the Authorization header, and names the peer. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class AccessTokenGrantTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void anRs256TokenInTheQueryOpensTheSocketAndItsSubjectIsTheDisplayName() {
        String token = Tokens.rs256().sub("ada").rooms("grant-q").mint();
        try (TestClient ada = TestClient.connect(withQuery(signal, "access_token=" + token));
                TestClient bob = TestClient.connect(withQuery(signal,
                        "access_token=" + Tokens.rs256().sub("bob").name("Bob B.").rooms("*").mint()))) {
            ada.awaitType("welcome");
            bob.awaitType("welcome");
            ada.join("grant-q");
            // The client asks for another name: the token's wins, so nobody can pose as someone else.
            bob.send(msg("type", "join", "room", "grant-q", "name", "ada"));
            JsonNode joined = bob.awaitType("joined");
            assertThat(joined.get("peers").get(0).get("name").asText()).isEqualTo("ada");
            assertThat(ada.awaitType("peer-joined").get("peer").get("name").asText()).isEqualTo("Bob B.");
        }
    }

    @Test
    void anEs256TokenOfferedAsSubprotocolIsAnsweredWithTheAccessTokenSubprotocol() {
        String token = Tokens.es256().sub("eve").rooms("grant-s").mint();
        try (TestClient eve = TestClient.connect(signal, b -> b.subprotocols(AccessPolicy.SUBPROTOCOL, token))) {
            assertThat(eve.subprotocol()).isEqualTo(AccessPolicy.SUBPROTOCOL);
            eve.awaitType("welcome");
            assertThat(eve.join("grant-s").get("room").asText()).isEqualTo("grant-s");
        }
    }

    @Test
    void aBearerTokenInTheUpgradesAuthorizationHeaderOpensTheSocket() {
        // Among a browser's other headers, which the upgrade drops (edge/HandshakeHeaders): this one must stay.
        String token = Tokens.rs256().sub("hal").rooms("grant-h").mint();
        try (TestClient hal = TestClient.connect(signal, Map.of("Authorization", "Bearer " + token,
                "Cookie", "session=abc", "User-Agent", "Mozilla/5.0", "Origin", AuthProfile.ALLOWED_ORIGIN))) {
            hal.awaitType("welcome");
            assertThat(hal.join("grant-h").get("room").asText()).isEqualTo("grant-h");
        }
    }

    @Test
    void anAllowedOriginOrNoOriginIsAccepted() {
        String token = Tokens.rs256().rooms("*").mint();
        try (TestClient browser = TestClient.connect(withQuery(signal, "access_token=" + token),
                b -> b.header("Origin", AuthProfile.ALLOWED_ORIGIN));
                TestClient tool = TestClient.connect(withQuery(signal, "access_token=" + token))) {
            browser.awaitType("welcome");
            tool.awaitType("welcome");
        }
    }
}
