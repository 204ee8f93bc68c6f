package dev.signaling.dialect.mesh;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Seed 003's broadcast mesh: offers and candidates go to every other member, answers to {@code receiverId} only,
 * each as the original message plus the sender's {@code userInfo} and {@code senderId}.
 */
@QuarkusTest
class MeshNegotiationTest {

    @TestHTTPResource("/compat/mesh")
    URI mesh;

    @Test
    void membersNegotiateOfferAnswerAndCandidatesEndToEnd() {
        URI group = Meshes.group(mesh);
        String a = Meshes.unique("a");
        String b = Meshes.unique("b");
        String c = Meshes.unique("c");
        try (TestClient ada = Meshes.joined(group, a, "Ada"); TestClient bob = Meshes.joined(group, b, "Bob");
                TestClient cy = Meshes.joined(group, c, "Cy")) {
            String offer = "{\"type\":\"offer\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\",\"x\":1.50}}";
            ada.send(offer);
            String stamped = "{\"type\":\"offer\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\",\"x\":1.50},"
                    + "\"userInfo\":{\"id\":\"" + a + "\",\"nick\":\"Ada\"},\"senderId\":\"" + a + "\"}";
            assertThat(bob.awaitRawType("offer")).isEqualTo(stamped);
            assertThat(cy.awaitRawType("offer")).isEqualTo(stamped);

            bob.send("{\"type\":\"answer\",\"receiverId\":\"" + a + "\",\"data\":{\"sdp\":\"b\"}}");
            assertThat(ada.awaitRawType("answer")).isEqualTo("{\"type\":\"answer\",\"receiverId\":\"" + a
                    + "\",\"data\":{\"sdp\":\"b\"},\"userInfo\":{\"id\":\"" + b + "\",\"nick\":\"Bob\"},\"senderId\":\""
                    + b + "\"}");

            for (int i = 0; i < 3; i++) {
                ada.send(msg("type", "candidate", "data", msg("candidate", "c" + i)));
                for (TestClient other : new TestClient[] {bob, cy}) {
                    JsonNode candidate = other.awaitType("candidate");
                    assertThat(candidate.get("data").get("candidate").asText()).isEqualTo("c" + i);
                    assertThat(candidate.get("senderId").asText()).isEqualTo(a);
                    assertThat(candidate.get("userInfo")).isEqualTo(msg("id", a, "nick", "Ada"));
                }
            }
            // The sender hears nothing of its own broadcasts, and the answer reached ada only.
            for (TestClient client : new TestClient[] {ada, bob, cy}) {
                Meshes.settle(client);
                assertThat(client.pending()).isEmpty();
            }
        }
    }

    @Test
    void aMemberJoiningWithPayloadNickGetsAServerAssignedId() {
        URI group = Meshes.group(mesh);
        String a = Meshes.unique("a");
        try (TestClient ada = Meshes.joined(group, a, "Ada"); TestClient anon = TestClient.connect(group)) {
            anon.send("{\"type\":\"join\",\"payload\":{\"nick\":\"Nemo\"}}");
            Meshes.settle(anon);
            anon.send("{\"type\":\"offer\",\"data\":1}");
            JsonNode offer = ada.awaitType("offer");
            String assigned = offer.get("senderId").asText();
            assertThat(assigned).hasSize(22); // 128 random bits, base64url
            assertThat(offer.get("userInfo")).isEqualTo(msg("id", assigned, "nick", "Nemo"));

            // The others answer it under that id.
            ada.send(msg("type", "answer", "receiverId", assigned, "data", 2));
            assertThat(anon.awaitType("answer").get("senderId").asText()).isEqualTo(a);
        }
    }

    @Test
    void integerIdsComeBackAsIntegers() {
        URI group = Meshes.group(mesh);
        try (TestClient one = TestClient.connect(group); TestClient two = TestClient.connect(group)) {
            one.send("{\"type\":\"join\",\"id\":1001}");
            two.send("{\"type\":\"join\",\"id\":1002,\"nick\":\"Two\"}");
            Meshes.settle(one);
            Meshes.settle(two);
            one.send("{\"type\":\"offer\"}");
            assertThat(two.awaitRawType("offer"))
                    .isEqualTo("{\"type\":\"offer\",\"userInfo\":{\"id\":1001},\"senderId\":1001}");
            two.send("{\"type\":\"answer\",\"receiverId\":1001}");
            assertThat(one.awaitRawType("answer")).isEqualTo(
                    "{\"type\":\"answer\",\"receiverId\":1001,\"userInfo\":{\"id\":1002,\"nick\":\"Two\"},\"senderId\":1002}");
        }
    }
}
