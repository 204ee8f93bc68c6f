package dev.signaling.dialect.mesh;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** 100 members in 10 groups broadcast at once: each gets every message of its group, in order, and nothing else. */
@QuarkusTest
class MeshConcurrentGroupsTest {
    static final int GROUPS = 10;
    static final int PER_GROUP = 10;
    static final int MESSAGES = 5;

    @TestHTTPResource("/compat/mesh")
    URI mesh;

    @Test
    void aHundredMembersInTenGroupsLoseNothingAndMixNothingUp() {
        List<List<TestClient>> groups = new ArrayList<>();
        List<List<String>> ids = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (int g = 0; g < GROUPS; g++) {
                URI group = Meshes.group(mesh);
                List<TestClient> members = new ArrayList<>();
                List<String> memberIds = new ArrayList<>();
                for (int m = 0; m < PER_GROUP; m++) {
                    String id = "g" + g + "m" + m + "-" + Meshes.unique("x");
                    members.add(Meshes.joined(group, id, "n" + m));
                    memberIds.add(id);
                }
                groups.add(members);
                ids.add(memberIds);
            }
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                for (int m = 0; m < PER_GROUP; m++) {
                    TestClient client = groups.get(g).get(m);
                    String id = ids.get(g).get(m);
                    int group = g;
                    sending.add(CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < MESSAGES; i++) {
                            client.send(msg("type", "candidate", "data", msg("group", group, "from", id, "seq", i)));
                        }
                    }, senders));
                }
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();

            for (int g = 0; g < GROUPS; g++) {
                for (int m = 0; m < PER_GROUP; m++) {
                    TestClient client = groups.get(g).get(m);
                    for (int other = 0; other < PER_GROUP; other++) {
                        if (other == m) {
                            continue;
                        }
                        String sender = ids.get(g).get(other);
                        for (int i = 0; i < MESSAGES; i++) {
                            // The first frame still waiting from this sender must be the next in its order.
                            JsonNode frame = client.await(f -> f.path("senderId").asText().equals(sender),
                                    "message " + i + " of " + sender);
                            assertThat(frame.get("data").get("seq").asInt()).isEqualTo(i);
                            assertThat(frame.get("data").get("group").asInt()).isEqualTo(g);
                            assertThat(frame.get("data").get("from").asText()).isEqualTo(sender);
                        }
                    }
                    Meshes.settle(client);
                    assertThat(client.pending()).isEmpty();
                }
            }
        } finally {
            senders.shutdownNow();
            groups.forEach(members -> members.forEach(TestClient::close));
        }
    }
}
