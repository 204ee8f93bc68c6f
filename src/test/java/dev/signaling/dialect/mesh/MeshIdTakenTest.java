package dev.signaling.dialect.mesh;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A mesh id belongs to one live connection of a group at a time, and is free again once it closes. */
@QuarkusTest
class MeshIdTakenTest {

    @TestHTTPResource("/compat/mesh")
    URI mesh;

    @Test
    void anIdInUseIsRefusedAndTheClientCanJoinUnderAnother() {
        URI group = Meshes.group(mesh);
        String id = Meshes.unique("id");
        try (TestClient owner = Meshes.joined(group, id, "Owner"); TestClient late = TestClient.connect(group)) {
            late.send(msg("type", "join", "id", id, "nick", "Late"));
            assertThat(late.awaitRawType("error")).isEqualTo("{\"type\":\"error\",\"message\":\"Id already in use: "
                    + id + "\"}");
            String other = Meshes.unique("other");
            late.send(msg("type", "join", "id", other, "nick", "Late"));
            late.send(msg("type", "offer", "data", 1));
            assertThat(owner.awaitType("offer").get("senderId").asText()).isEqualTo(other);
            Meshes.settle(late);
            assertThat(late.pending()).isEmpty();
        }
    }

    @Test
    void theSameIdMayBeUsedInAnotherGroup() {
        String id = Meshes.unique("id");
        try (TestClient one = Meshes.joined(Meshes.group(mesh), id, "One");
                TestClient two = Meshes.joined(Meshes.group(mesh), id, "Two")) {
            assertThat(one.pending()).isEmpty();
            assertThat(two.pending()).isEmpty();
        }
    }

    @Test
    void joiningTwiceIsRefused() {
        try (TestClient client = Meshes.joined(Meshes.group(mesh), Meshes.unique("id"), "Twice")) {
            client.send(msg("type", "join", "id", Meshes.unique("again")));
            assertThat(client.awaitType("error").get("message").asText()).isEqualTo("Already joined");
        }
    }

    @Test
    void aTakenIdIsFreeAgainOnceItsConnectionCloses() {
        URI group = Meshes.group(mesh);
        String id = Meshes.unique("id");
        Meshes.joined(group, id, "First").close();
        try (TestClient second = TestClient.connect(group)) {
            // The server handles the close on its own schedule; the id frees within that, not at a fixed time.
            Awaitility.await().atMost(TestClient.WAIT).until(() -> {
                second.send(msg("type", "join", "id", id));
                second.send("{\"type\":\"settle\"}");
                var answer = second.await(f -> f.path("type").asText().equals("error"), "an error");
                if (answer.get("message").asText().startsWith("Id already in use")) {
                    second.awaitType("error"); // the settle answer
                    return false;
                }
                return answer.get("message").asText().equals("Unknown type: settle");
            });
        }
    }
}
