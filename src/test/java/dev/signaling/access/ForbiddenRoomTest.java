package dev.signaling.access;

import static dev.signaling.support.TestClient.msg;
import static dev.signaling.support.TestClient.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.AuthProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Joining a room the token does not grant is refused with {@code forbidden}, in every dialect. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class ForbiddenRoomTest {

    @TestHTTPResource("/")
    URI root;

    private TestClient connect(String path, Tokens token) {
        return TestClient.connect(withQuery(root.resolve(path), "access_token=" + token.mint()));
    }

    @Test
    void signalJoinOutsideTheGrantIsForbiddenAndTheRoomNeverSeesTheIntruder() {
        try (TestClient member = connect("/signal", Tokens.rs256().sub("member").rooms("vault"));
                TestClient intruder = connect("/signal", Tokens.rs256().sub("intruder").rooms("lobby"))) {
            member.awaitType("welcome");
            intruder.awaitType("welcome");
            member.join("vault");
            intruder.send(msg("type", "join", "room", "vault", "id", 7));
            JsonNode error = intruder.awaitType("error");
            assertThat(error.get("code").asText()).isEqualTo("forbidden");
            assertThat(error.get("ref").asInt()).isEqualTo(7);
            // Nor can it relay into the room it was kept out of.
            intruder.send(msg("type", "message", "room", "vault", "data", "hi"));
            assertThat(intruder.awaitType("error").get("code").asText()).isEqualTo("not-in-room");
            member.send(msg("type", "ping"));
            member.awaitType("pong");
            assertThat(member.pending()).isEmpty();
            // The granted room works.
            assertThat(intruder.join("lobby").get("room").asText()).isEqualTo("lobby");
        }
    }

    @Test
    void loginNeedsTheLoginNamespaceInTheGrant() {
        try (TestClient refused = connect("/compat/login", Tokens.rs256().rooms("some-room"));
                TestClient allowed = connect("/compat/login", Tokens.rs256().rooms("~login"))) {
            refused.send(msg("type", "login", "name", "forbidden-user"));
            assertThat(refused.awaitType("error").get("message").asText()).contains("does not grant");
            allowed.send(msg("type", "login", "name", "granted-user"));
            assertThat(allowed.awaitType("login").get("success").asBoolean()).isTrue();
        }
    }

    @Test
    void meshGroupsAreGrantedByTheirName() {
        try (TestClient refused = connect("/compat/mesh/secret-group", Tokens.rs256().rooms("open-group"));
                TestClient allowed = connect("/compat/mesh/open-group", Tokens.rs256().rooms("open-group"));
                TestClient plain = connect("/compat/mesh", Tokens.rs256().rooms("open-group"))) {
            refused.send(msg("type", "join", "id", "x"));
            assertThat(refused.awaitType("error").get("message").asText()).contains("does not grant");
            // The plain path is the group "default", not granted here.
            plain.send(msg("type", "join", "id", "y"));
            assertThat(plain.awaitType("error").get("message").asText()).contains("does not grant");
            allowed.send(msg("type", "join", "id", "z"));
            allowed.send("{\"type\":\"settle\"}");
            JsonNode next = allowed.awaitType("error");
            assertThat(next.get("message").asText()).isEqualTo("Unknown type: settle");
        }
    }
}
