package dev.signaling.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.Scrape;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import dev.signaling.support.BriefResumeProfile;

/**
 * 1,000 clients connect in ten bursts of 100, join a few rooms, and leave again, a third of them without a close
 * frame (the TCP connection just ends). Afterwards no room lists a ghost: a newcomer to each room sees exactly the
 * members that stayed, and the peer and connection gauges are back where they started.
 */
@QuarkusTest
// Clients that vanish (no close frame) keep their place for the resume window before they leave: a brief window, and
// rooms that never fill. About 15 clients join each room per burst, and on the native binary the bursts come faster
// than the window: with a cap of 30 the test failed in 3 runs of 3, with 40 it passed; on a busy CI machine it met
// the default cap of 50. The cap is not what this test is about, so the profile lifts it.
@TestProfile(BriefResumeProfile.class)
class ConnectionChurnTest {
    static final int BURSTS = 10;
    static final int PER_BURST = 100;
    static final int ROOMS = 8;
    static final int STAYERS_PER_ROOM = 2;
    static final Duration SETTLE = Duration.ofSeconds(20);

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void burstsOfClientsComingAndGoingLeaveNoGhostPeers() throws Exception {
        String scrape = Scrape.metrics();
        double peersBefore = Scrape.value(scrape, "signaling_peers");
        double connectionsBefore = Scrape.value(scrape, "signaling_connections{dialect=\"signal\"");
        String prefix = "churn-" + UUID.randomUUID() + "-";
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<TestClient> stayers = new ArrayList<>();
        try {
            Set<String>[] members = stayIn(prefix, stayers);
            for (int burst = 0; burst < BURSTS; burst++) {
                List<CompletableFuture<TestClient>> arriving = new ArrayList<>();
                for (int i = 0; i < PER_BURST; i++) {
                    int n = i;
                    arriving.add(CompletableFuture.supplyAsync(() -> {
                        TestClient client = TestClient.signal(signal);
                        client.join(prefix + n % ROOMS);
                        if (n % 5 == 0) {
                            client.join(prefix + (n + 1) % ROOMS); // some are in two rooms
                        }
                        return client;
                    }, pool));
                }
                List<CompletableFuture<Void>> leaving = new ArrayList<>();
                for (int i = 0; i < PER_BURST; i++) {
                    TestClient client = arriving.get(i).get(30, TimeUnit.SECONDS);
                    boolean vanish = i % 3 == 0;
                    leaving.add(CompletableFuture.runAsync(vanish ? client::abort : client::close, pool));
                }
                CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }

            await().atMost(SETTLE).untilAsserted(() -> {
                String now = Scrape.metrics();
                assertThat(Scrape.value(now, "signaling_peers")).isEqualTo(peersBefore + stayers.size());
                assertThat(Scrape.value(now, "signaling_connections{dialect=\"signal\""))
                        .isEqualTo(connectionsBefore + stayers.size());
            });
            for (int room = 0; room < ROOMS; room++) {
                try (TestClient newcomer = TestClient.signal(signal)) {
                    JsonNode joined = newcomer.join(prefix + room);
                    Set<String> seen = new HashSet<>();
                    joined.path("peers").forEach(p -> seen.add(p.path("peerId").asText()));
                    assertThat(seen).as("members of room %d", room).isEqualTo(members[room]);
                }
            }
        } finally {
            stayers.forEach(TestClient::close);
            pool.shutdownNow();
        }
        await().atMost(SETTLE).untilAsserted(() -> {
            String now = Scrape.metrics();
            assertThat(Scrape.value(now, "signaling_peers")).isEqualTo(peersBefore);
            assertThat(Scrape.value(now, "signaling_connections{dialect=\"signal\"")).isEqualTo(connectionsBefore);
        });
    }

    /** Puts {@value #STAYERS_PER_ROOM} clients in each room for the whole test; returns each room's peer ids. */
    @SuppressWarnings("unchecked")
    private Set<String>[] stayIn(String prefix, List<TestClient> stayers) {
        Set<String>[] members = new Set[ROOMS];
        for (int room = 0; room < ROOMS; room++) {
            members[room] = new HashSet<>();
            for (int i = 0; i < STAYERS_PER_ROOM; i++) {
                TestClient stayer = TestClient.signal(signal);
                stayers.add(stayer);
                members[room].add(stayer.join(prefix + room).path("peerId").asText());
            }
        }
        return members;
    }
}
