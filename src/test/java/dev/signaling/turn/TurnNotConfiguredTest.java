package dev.signaling.turn;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** With no configuration, tokens are off and there are no TURN credentials to hand out. */
@QuarkusTest
class TurnNotConfiguredTest {

    @Test
    void theRouteAnswers404() {
        given().when().get("/turn/credentials")
                .then().statusCode(404).body(containsString("turn-not-configured"));
    }
}
