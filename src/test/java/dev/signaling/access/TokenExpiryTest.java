package dev.signaling.access;

import static dev.signaling.support.TestClient.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.signaling.support.AuthProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A connection ends with close code 4401 once its token expires, and leaves its rooms. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class TokenExpiryTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void theServerClosesTheConnectionWhenTheTokenExpires() throws Exception {
        String shortLived = Tokens.rs256().sub("brief").rooms("expiry").expiresAt(Instant.now().plusSeconds(2)).mint();
        try (TestClient brief = TestClient.connect(withQuery(signal, "access_token=" + shortLived));
                TestClient stays = TestClient.connect(withQuery(signal,
                        "access_token=" + Tokens.rs256().sub("stays").rooms("expiry").mint()))) {
            brief.awaitType("welcome");
            stays.awaitType("welcome");
            stays.join("expiry");
            brief.join("expiry");
            stays.awaitType("peer-joined");
            // exp (2 s) + clock skew (1 s) of the profile; the client's wait is 10 s.
            assertThat(brief.closed().get(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4401);
            assertThat(stays.awaitType("peer-left").get("peerId").asText()).isNotEmpty();
        }
    }
}
