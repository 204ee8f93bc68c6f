package dev.signaling.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.signaling.support.AuthProfile;
import dev.signaling.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The Socket.IO route checks origin and token on every request, as WebSocket upgrades are checked. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class SocketIoAccessTest {
    static final String HANDSHAKE = "/socket.io/?EIO=4&transport=polling";

    @Test
    void aHandshakeWithoutATokenIsRefused() {
        given().when().get(HANDSHAKE).then().statusCode(401);
    }

    @Test
    void aHandshakeWithAWrongKeyTokenIsRefused() {
        given().when().get(HANDSHAKE + "&access_token=" + Tokens.wrongKey().rooms("*").mint()).then().statusCode(401);
    }

    @Test
    void aHandshakeFromAnotherOriginIsRefused() {
        given().header("Origin", "https://evil.example.com")
                .when().get(HANDSHAKE + "&access_token=" + Tokens.rs256().rooms("*").mint()).then().statusCode(403);
    }

    @Test
    void aHandshakeWithAValidTokenOpensASession() {
        given().header("Origin", AuthProfile.ALLOWED_ORIGIN)
                .when().get(HANDSHAKE + "&access_token=" + Tokens.rs256().rooms("*").mint())
                .then().statusCode(200).body(startsWith("0{\"sid\":"));
    }
}
