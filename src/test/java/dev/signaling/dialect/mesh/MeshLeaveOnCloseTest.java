package dev.signaling.dialect.mesh;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** When a member's socket closes, every other member of its group, and nobody else, hears {@code leave}. */
@QuarkusTest
class MeshLeaveOnCloseTest {

    @TestHTTPResource("/compat/mesh")
    URI mesh;

    @Test
    void closingTellsEveryOtherMemberOfTheGroupOnly() {
        URI group = Meshes.group(mesh);
        String id = Meshes.unique("goner");
        try (TestClient b = Meshes.joined(group, Meshes.unique("b"), "B");
                TestClient c = Meshes.joined(group, Meshes.unique("c"), "C");
                TestClient elsewhere = Meshes.joined(Meshes.group(mesh), Meshes.unique("e"), "E")) {
            Meshes.joined(group, id, "Goner").close();
            String leave = "{\"type\":\"leave\",\"payload\":{\"id\":\"" + id + "\",\"nick\":\"Goner\"},"
                    + "\"userInfo\":{\"id\":\"" + id + "\",\"nick\":\"Goner\"},\"senderId\":\"" + id + "\"}";
            assertThat(b.awaitRawType("leave")).isEqualTo(leave);
            assertThat(c.awaitRawType("leave")).isEqualTo(leave);
            Meshes.settle(elsewhere);
            assertThat(elsewhere.pending()).isEmpty();
        }
    }

    @Test
    void thePlainPathIsTheGroupDefault() throws Exception {
        URI named = URI.create(mesh + "/default");
        String id = Meshes.unique("plain");
        try (TestClient viaName = Meshes.joined(named, Meshes.unique("named"), "Named")) {
            Meshes.joined(mesh, id, "Plain").close();
            assertThat(viaName.awaitType("leave").get("senderId").asText()).isEqualTo(id);
        }
    }

    @Test
    void aLeaveMessageLeavesTheGroupLikeAClose() {
        URI group = Meshes.group(mesh);
        String id = Meshes.unique("leaver");
        try (TestClient stays = Meshes.joined(group, Meshes.unique("s"), "S");
                TestClient leaver = Meshes.joined(group, id, "L")) {
            leaver.send(msg("type", "leave"));
            assertThat(stays.awaitType("leave").get("payload")).isEqualTo(msg("id", id, "nick", "L"));
            // Out of the group: broadcasting now is refused, and it may join again.
            leaver.send(msg("type", "offer", "data", 1));
            assertThat(leaver.awaitType("error").get("message").asText()).isEqualTo("Not joined: send join first");
            leaver.send(msg("type", "join", "id", id, "nick", "L"));
            leaver.send(msg("type", "offer", "data", 2));
            assertThat(stays.awaitType("offer").get("data").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionThatNeverJoinedLeavesSilently() {
        URI group = Meshes.group(mesh);
        try (TestClient stays = Meshes.joined(group, Meshes.unique("s"), "S")) {
            TestClient.connect(group).close();
            Meshes.joined(group, Meshes.unique("later"), "Later").close();
            // The only leave is the one of the member that joined.
            assertThat(stays.awaitType("leave").get("userInfo").get("nick").asText()).isEqualTo("Later");
            Meshes.settle(stays);
            assertThat(stays.pending()).isEmpty();
        }
    }
}
