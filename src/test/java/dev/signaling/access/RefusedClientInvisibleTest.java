package dev.signaling.access;

import static dev.signaling.support.TestClient.msg;
import static dev.signaling.support.TestClient.withQuery;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.AuthProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A refused client never becomes a peer: nobody hears of it and no dialect counts a connection for it. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class RefusedClientInvisibleTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void refusedUpgradesLeaveNoTraceInRoomsOrConnectionCounts() {
        URI signal = root.resolve("/signal");
        try (TestClient member = TestClient.connect(withQuery(signal,
                "access_token=" + Tokens.rs256().sub("member").rooms("*").mint()))) {
            member.awaitType("welcome");
            member.join("watched");
            String before = connectionsOpened();
            String expired = Tokens.rs256().rooms("*").expiresAt(Instant.now().minusSeconds(300)).mint();
            for (String path : AccessTokenRejectionTest.PATHS) {
                URI target = root.resolve(path);
                assertThat(TestClient.refusedUpgrade(withQuery(target, "access_token=" + expired), b -> {
                })).isEqualTo(401);
                assertThat(TestClient.refusedUpgrade(target, b -> {
                })).isEqualTo(401);
                assertThat(TestClient.refusedUpgrade(withQuery(target,
                        "access_token=" + Tokens.rs256().rooms("*").mint()),
                        b -> b.header("Origin", "https://evil.example.com"))).isEqualTo(403);
            }
            member.send(msg("type", "ping"));
            member.awaitType("pong");
            assertThat(member.pending()).isEmpty();
            assertThat(connectionsOpened()).isEqualTo(before);

            try (TestClient next = TestClient.connect(withQuery(signal,
                    "access_token=" + Tokens.rs256().sub("next").rooms("watched").mint()))) {
                next.awaitType("welcome");
                JsonNode joined = next.join("watched");
                assertThat(joined.get("peers")).hasSize(1);
                assertThat(joined.get("peers").get(0).get("name").asText()).isEqualTo("member");
            }
        }
    }

    private static String connectionsOpened() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("signaling_connections_opened_total"))
                .sorted().reduce("", (a, b) -> a + b + "\n");
    }
}
