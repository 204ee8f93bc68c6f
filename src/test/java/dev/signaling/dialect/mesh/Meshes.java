package dev.signaling.dialect.mesh;

import static dev.signaling.support.TestClient.msg;

import java.net.URI;
import java.util.UUID;

import dev.signaling.support.TestClient;

/** Shortcuts for mesh-dialect tests. Groups and ids are unique per call: every test class shares one server. */
final class Meshes {
    private Meshes() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The URI of a fresh group under {@code /compat/mesh/}. */
    static URI group(URI meshBase) {
        return URI.create(meshBase + "/" + unique("g"));
    }

    /** Connects to {@code group} and joins with {@code id} and {@code nick}; the seed answers nothing. */
    static TestClient joined(URI group, String id, String nick) {
        TestClient client = TestClient.connect(group);
        client.send(msg("type", "join", "id", id, "nick", nick));
        settle(client); // the join is processed once a later frame is answered
        return client;
    }

    /**
     * Waits until everything the server sent this client before now has arrived: an unknown type is answered after
     * all of it.
     */
    static void settle(TestClient client) {
        client.send("{\"type\":\"settle\"}");
        client.await(f -> f.path("message").asText().equals("Unknown type: settle"), "the settle answer");
    }
}
