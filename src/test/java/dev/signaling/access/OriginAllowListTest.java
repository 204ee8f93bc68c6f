package dev.signaling.access;

import static dev.signaling.support.TestClient.withQuery;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.signaling.support.AuthProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** An upgrade from an origin outside the allow-list gets 403, even with a valid token, on every dialect. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class OriginAllowListTest {

    @TestHTTPResource("/")
    URI root;

    @ParameterizedTest
    @ValueSource(strings = { "/signal", "/compat/login", "/compat/mesh", "/compat/mesh/g" })
    void anUpgradeFromAnotherOriginIsForbidden(String path) {
        URI uri = withQuery(root.resolve(path), "access_token=" + Tokens.rs256().rooms("*").mint());
        assertThat(TestClient.refusedUpgrade(uri, b -> b.header("Origin", "https://evil.example.com")))
                .isEqualTo(403);
        assertThat(TestClient.refusedUpgrade(uri, b -> b.header("Origin", "null"))).isEqualTo(403);
        try (TestClient allowed = TestClient.connect(uri, b -> b.header("Origin", "http://localhost:3000"))) {
            assertThat(allowed.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example.com" })
    void theTurnCredentialsRouteAppliesTheSameList(String origin) {
        given().header("Origin", origin).header("Authorization", "Bearer " + Tokens.rs256().rooms("*").mint())
                .when().get("/turn/credentials")
                .then().statusCode(403);
    }
}
