package dev.signaling.dialect.login;

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

/** 100 logged-in users call each other in pairs at once: every message arrives, once, at the right user, in order. */
@QuarkusTest
class LoginConcurrentUsersTest {
    static final int USERS = 100;
    static final int CANDIDATES = 20;

    @TestHTTPResource("/compat/login")
    URI login;

    @Test
    void aHundredUsersInFiftyCallsLoseNothingAndMixNothingUp() {
        List<TestClient> clients = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < USERS; i++) {
                String name = Logins.name("user" + i);
                names.add(name);
                clients.add(Logins.loggedIn(login, name)); // more than the rooms' default cap of 50: one namespace
            }
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                TestClient client = clients.get(i);
                String self = names.get(i);
                String partner = names.get(i ^ 1);
                sending.add(CompletableFuture.runAsync(() -> {
                    client.send(msg("type", "offer", "name", partner, "offer", msg("from", self)));
                    for (int c = 0; c < CANDIDATES; c++) {
                        client.send(msg("type", "candidate", "name", partner, "candidate", msg("from", self, "seq", c)));
                    }
                }, senders));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();

            for (int i = 0; i < USERS; i++) {
                TestClient client = clients.get(i);
                String partner = names.get(i ^ 1);
                JsonNode offer = client.awaitType("offer");
                assertThat(offer.get("name").asText()).isEqualTo(partner);
                assertThat(offer.get("offer").get("from").asText()).isEqualTo(partner);
                for (int c = 0; c < CANDIDATES; c++) {
                    JsonNode candidate = client.awaitType("candidate").get("candidate");
                    assertThat(candidate.get("from").asText()).isEqualTo(partner);
                    assertThat(candidate.get("seq").asInt()).isEqualTo(c);
                }
            }
            for (TestClient client : clients) {
                Logins.settle(client);
                assertThat(client.pending()).isEmpty();
            }
        } finally {
            senders.shutdownNow();
            clients.forEach(TestClient::close);
        }
    }
}
