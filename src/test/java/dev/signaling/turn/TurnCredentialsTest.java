package dev.signaling.turn;

import static dev.signaling.support.TestClient.withQuery;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.AuthProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With a TURN secret set, the welcome and GET /turn/credentials carry time-limited TURN REST credentials. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class TurnCredentialsTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void theWelcomeCarriesATurnCredentialForThePeer() throws Exception {
        try (TestClient client = TestClient.connect(withQuery(signal,
                "access_token=" + Tokens.rs256().rooms("*").mint()))) {
            JsonNode welcome = client.awaitType("welcome");
            JsonNode turn = welcome.get("iceServers").get(0);
            assertThat(turn.get("urls").get(0).asText()).isEqualTo(AuthProfile.TURN_URL);
            String username = turn.get("username").asText();
            assertThat(username).isEqualTo(username.split(":")[0] + ":" + welcome.get("peerId").asText());
            long expiry = Long.parseLong(username.split(":")[0]);
            assertThat(expiry - Instant.now().getEpochSecond()).isBetween(590L, 600L); // ttl 10m
            assertThat(turn.get("credential").asText()).isEqualTo(hmac(username));
        }
    }

    @Test
    void theRouteIssuesCredentialsToBearersOfAValidToken() throws Exception {
        JsonPath body = given().header("Authorization", "Bearer " + Tokens.rs256().sub("carol").rooms("*").mint())
                .when().get("/turn/credentials")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
        String username = body.getString("username");
        assertThat(username).endsWith(":carol");
        assertThat(body.getString("credential")).isEqualTo(hmac(username));
        assertThat(body.getLong("ttl")).isEqualTo(600);
        assertThat(body.getList("urls")).containsExactly(AuthProfile.TURN_URL);
    }

    @Test
    void theRouteRefusesCallersWithoutAValidToken() {
        given().when().get("/turn/credentials")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body(containsString("\"reason\":\"missing\""));
        given().header("Authorization", "Bearer " + Tokens.wrongKey().rooms("*").mint())
                .when().get("/turn/credentials")
                .then().statusCode(401).body(containsString("\"reason\":\"bad-signature\""));
    }

    @Test
    void healthAndMetricsStayOpenWithTokensOn() {
        given().header("Authorization", "Bearer not-a-token").when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }

    private static String hmac(String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(AuthProfile.TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }
}
