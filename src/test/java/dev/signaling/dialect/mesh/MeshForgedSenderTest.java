package dev.signaling.dialect.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A client cannot pose as another member: any userInfo or senderId it sends is replaced by the server's. */
@QuarkusTest
class MeshForgedSenderTest {

    @TestHTTPResource("/compat/mesh")
    URI mesh;

    @Test
    void forgedSenderFieldsAreOverwrittenOnEveryRelay() {
        URI group = Meshes.group(mesh);
        String real = Meshes.unique("real");
        String victim = Meshes.unique("victim");
        try (TestClient forger = Meshes.joined(group, real, "Real"); TestClient other = Meshes.joined(group, victim, "V")) {
            String forged = "\"senderId\":\"" + victim + "\",\"userInfo\":{\"id\":\"" + victim + "\",\"nick\":\"V\"}";
            for (String type : new String[] {"offer", "candidate"}) {
                forger.send("{" + forged + ",\"type\":\"" + type + "\",\"data\":{\"senderId\":\"inner is data\"},"
                        + "\"sender\\u0049d\":\"escaped\",\"senderId\":\"again\"}");
                String raw = other.awaitRawType(type);
                assertThat(raw).isEqualTo("{\"type\":\"" + type + "\",\"data\":{\"senderId\":\"inner is data\"},"
                        + "\"userInfo\":{\"id\":\"" + real + "\",\"nick\":\"Real\"},\"senderId\":\"" + real + "\"}");
            }
            other.send("{\"type\":\"answer\",\"receiverId\":\"" + real + "\",\"senderId\":\"" + real + "\"}");
            JsonNode answer = forger.awaitType("answer");
            assertThat(answer.get("senderId").asText()).isEqualTo(victim);
            assertThat(answer.get("userInfo").get("id").asText()).isEqualTo(victim);
        }
    }
}
