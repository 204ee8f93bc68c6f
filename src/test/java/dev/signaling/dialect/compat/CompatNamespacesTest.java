package dev.signaling.dialect.compat;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The compat dialects live in reserved rooms: a /signal client can neither enter them nor reach their users, and a
 * /signal room that looks like a mesh group is a different room.
 */
@QuarkusTest
class CompatNamespacesTest {

    @TestHTTPResource("/signal")
    URI signal;

    @TestHTTPResource("/compat/login")
    URI login;

    @TestHTTPResource("/compat/mesh")
    URI mesh;

    @Test
    void signalClientsCannotEnterTheReservedRooms() {
        String user = "user-" + UUID.randomUUID();
        try (TestClient loggedIn = TestClient.connect(login); TestClient s = TestClient.signal(signal)) {
            loggedIn.send(msg("type", "login", "name", user));
            loggedIn.awaitType("login");
            for (String room : new String[] {"~login", "~mesh/default", "~anything"}) {
                s.send(msg("type", "join", "room", room));
                assertThat(s.awaitType("error").get("code").asText()).isEqualTo("invalid-room");
                s.send(msg("type", "offer", "room", room, "data", 1));
                assertThat(s.awaitType("error").get("code").asText()).isEqualTo("invalid-room");
            }
            loggedIn.send("{\"type\":\"settle\"}");
            loggedIn.awaitType("error");
            assertThat(loggedIn.pending()).isEmpty();
        }
    }

    @Test
    void aSignalRoomNamedLikeAGroupIsNotTheGroup() {
        String group = "g-" + UUID.randomUUID();
        try (TestClient member = TestClient.connect(URI.create(mesh + "/" + group));
                TestClient s = TestClient.signal(signal)) {
            member.send(msg("type", "join", "id", "m1"));
            s.join("mesh/" + group);
            s.join(group);
            s.send(msg("type", "offer", "room", group, "data", 1));
            member.send("{\"type\":\"settle\"}");
            member.awaitType("error");
            assertThat(member.pending()).isEmpty();
        }
    }

    @Test
    void loginUsersAndMeshMembersDoNotSeeEachOther() {
        String id = "shared-" + UUID.randomUUID();
        try (TestClient user = TestClient.connect(login);
                TestClient member = TestClient.connect(URI.create(mesh + "/" + id))) {
            user.send(msg("type", "login", "name", id));
            assertThat(user.awaitType("login").get("success").asBoolean()).isTrue();
            member.send(msg("type", "join", "id", id));
            member.send(msg("type", "offer", "data", 1));
            user.send(msg("type", "offer", "name", id, "offer", 1)); // addresses login users only: itself
            assertThat(user.awaitType("offer").get("name").asText()).isEqualTo(id);
            member.send("{\"type\":\"settle\"}");
            assertThat(member.awaitType("error").get("message").asText()).isEqualTo("Unknown type: settle");
            assertThat(member.pending()).isEmpty();
        }
    }
}
