package dev.signaling.dialect.socketio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The stock client library (from npm at build time) and the codelab page are served by this one server. */
@QuarkusTest
class SocketIoStaticFilesTest {

    @Test
    void theSocketIoClientLibraryIsServedWhereTheSeedPageLoadsIt() {
        given().get("/socket.io/socket.io.js").then().statusCode(200)
                .body(containsString("Socket.IO v4.8.1"));
    }

    @Test
    void theCodelabPageIsServed() {
        given().get("/codelab/").then().statusCode(200).body(containsString("/socket.io/socket.io.js"));
        given().get("/codelab/js/main.js").then().statusCode(200).body(containsString("create or join"));
    }
}
