package dev.signaling.dialect.signal;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** 200 clients in 100 rooms talk at once: every message arrives, once, at the right peer, in order. */
@QuarkusTest
class ConcurrentRoomsTest {
    static final int ROOMS = 100;
    static final int MESSAGES = 20;

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void twoHundredClientsInAHundredRoomsLoseNothingAndMixNothingUp() throws Exception {
        String prefix = "load-" + UUID.randomUUID() + "-";
        List<TestClient> clients = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            Map<TestClient, String> roomOf = new HashMap<>();
            Map<TestClient, String> idOf = new HashMap<>();
            for (int r = 0; r < ROOMS; r++) {
                for (int side = 0; side < 2; side++) {
                    TestClient client = TestClient.signal(signal);
                    clients.add(client);
                    JsonNode joined = client.join(prefix + r);
                    roomOf.put(client, prefix + r);
                    idOf.put(client, joined.get("peerId").asText());
                }
            }
            // Everyone sends MESSAGES to the room at once, each tagged with sender and sequence number.
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (TestClient client : clients) {
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        client.send(msg("type", "message", "room", roomOf.get(client), "data",
                                msg("sender", idOf.get(client), "seq", i)));
                    }
                }, senders));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();

            for (int r = 0; r < ROOMS; r++) {
                TestClient a = clients.get(2 * r);
                TestClient b = clients.get(2 * r + 1);
                expectFrom(a, idOf.get(b), roomOf.get(a));
                expectFrom(b, idOf.get(a), roomOf.get(b));
            }
            // Nothing extra arrived anywhere (no duplicates, no cross-talk).
            for (TestClient client : clients) {
                client.send(msg("type", "ping"));
                client.awaitType("pong");
                assertThat(client.pending()).allMatch(f -> f.get("type").asText().equals("peer-joined"));
            }
        } finally {
            senders.shutdownNow();
            clients.forEach(TestClient::close);
        }
    }

    private static void expectFrom(TestClient receiver, String senderId, String room) {
        for (int i = 0; i < MESSAGES; i++) {
            JsonNode message = receiver.awaitType("message");
            assertThat(message.get("room").asText()).isEqualTo(room);
            assertThat(message.get("from").asText()).isEqualTo(senderId);
            assertThat(message.get("data").get("sender").asText()).isEqualTo(senderId);
            assertThat(message.get("data").get("seq").asInt()).isEqualTo(i);
        }
    }
}
