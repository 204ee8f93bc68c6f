package dev.signaling.access;

import static dev.signaling.support.TestClient.withQuery;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.signaling.support.RateLimitProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.TestKeys;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * After its budget of failed checks an address gets 429 before its token is even looked at, valid or not; the
 * failures are counted by reason. (HS256 here, so this also proves the shared-secret set-up.)
 */
@QuarkusTest
@TestProfile(RateLimitProfile.class)
class AuthRateLimitTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void anAddressThatKeepsFailingIsThrottledBeforeItsTokensAreParsed() {
        String valid = Tokens.hs256(TestKeys.HMAC_SECRET).rooms("*").mint();
        try (TestClient ok = TestClient.connect(withQuery(signal, "access_token=" + valid))) {
            ok.awaitType("welcome");
        }
        String wrongSecret = Tokens.hs256("another-secret-of-at-least-32-bytes!!").rooms("*").mint();
        for (int i = 0; i < RateLimitProfile.BURST; i++) {
            assertThat(TestClient.refusedUpgrade(withQuery(signal, "access_token=" + wrongSecret), b -> {
            })).isEqualTo(401);
        }
        assertThat(TestClient.refusedUpgrade(withQuery(signal, "access_token=" + wrongSecret), b -> {
        })).isEqualTo(429);
        // Even a valid token: the address is not heard until its budget refills.
        assertThat(TestClient.refusedUpgrade(withQuery(signal, "access_token=" + valid), b -> {
        })).isEqualTo(429);
        given().header("Authorization", "Bearer " + valid).when().get("/turn/credentials")
                .then().statusCode(429).header("Retry-After", "60")
                .body(containsString("\"error\":\"too-many-requests\""));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("signaling_auth_failures_total{reason=\"bad-signature\"} 3.0");
        assertThat(metrics).containsPattern("signaling_auth_failures_total\\{reason=\"rate-limited\"} [1-9]");
        assertThat(metrics).doesNotContain(wrongSecret).doesNotContain(valid);
    }
}
