package dev.signaling.cluster;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.RedisServer;
import dev.signaling.support.TestClient;

/**
 * Three real instances of the packaged application (JVM jar) sharing one real Redis, with {@code /signal} clients
 * spread over them: a room spanning all three, directed and broadcast relay across instances in order, kill -9 of
 * one instance during traffic (the others see its peers leave within the default bound), and a Redis restart during
 * traffic (readiness goes down, clients get {@code unavailable}, everything works again once Redis is back).
 * Runs in the JVM only: it starts the jar three times, which a native run would do the same way.
 */
@Timeout(180)
class ClusterIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static RedisServer redis;
    private static final List<Process> nodes = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        Assumptions.assumeTrue(Files.exists(JAR), "the packaged jar is needed: ./mvnw verify -Dit");
        redis = RedisServer.start();
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            ports.add(port);
            nodes.add(new ProcessBuilder("java", "-Dquarkus.http.port=" + port, "-Dsignaling.router=redis",
                    "-Dquarkus.redis.hosts=" + redis.url(), "-jar", JAR.toString())
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "cluster-node-" + i + ".log").toFile())
                    .start());
        }
        for (int port : ports) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> readiness(port) == 200);
        }
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(Process::destroyForcibly);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aRoomSpanningThreeInstancesSurvivesACrashAndARedisRestart() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                TestClient client = TestClient.connect(URI.create("http://127.0.0.1:" + ports.get(i % 3) + "/signal"));
                ids.add(client.awaitType("welcome").path("peerId").asText());
                JsonNode joined = client.join("cluster");
                assertThat(joined.path("peers")).hasSize(i);
                clients.add(client);
            }
            for (int i = 0; i < 6; i++) {
                for (int j = i + 1; j < 6; j++) {
                    assertThat(clients.get(i).awaitType("peer-joined").path("peer").path("peerId").asText())
                            .isEqualTo(ids.get(j));
                }
            }

            // Directed: instance 0 → instance 2.
            clients.get(0).send(msg("type", "offer", "room", "cluster", "to", ids.get(5), "data", msg("sdp", "x")));
            JsonNode offer = clients.get(5).awaitType("offer");
            assertThat(offer.path("from").asText()).isEqualTo(ids.get(0));
            assertThat(offer.path("data").path("sdp").asText()).isEqualTo("x");

            // Broadcast, in order, to every other instance.
            for (int n = 0; n < 50; n++) {
                clients.get(1).send(msg("type", "message", "room", "cluster", "data", n));
            }
            for (int i = 0; i < 6; i++) {
                if (i == 1) {
                    continue;
                }
                for (int n = 0; n < 50; n++) {
                    JsonNode message = clients.get(i).awaitType("message");
                    assertThat(message.path("data").asInt()).isEqualTo(n);
                    assertThat(message.path("from").asText()).isEqualTo(ids.get(1));
                }
            }

            // kill -9 instance 2 (clients 2 and 5) while instance 0 keeps sending.
            nodes.get(2).destroyForcibly();
            for (int n = 0; n < 20; n++) {
                clients.get(0).send(msg("type", "message", "room", "cluster", "data", n));
            }
            for (int i : new int[] { 0, 1, 3, 4 }) {
                List<String> gone = new ArrayList<>();
                gone.add(clients.get(i).awaitType("peer-left").path("peerId").asText());
                gone.add(clients.get(i).awaitType("peer-left").path("peerId").asText());
                assertThat(gone).containsExactlyInAnyOrder(ids.get(2), ids.get(5));
            }

            // Redis restarts (empty) during traffic.
            redis.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> readiness(ports.get(0)) == 503);
            clients.get(0).send(msg("type", "message", "room", "cluster", "data", "lost", "id", "r1"));
            JsonNode refused = clients.get(0).awaitType("error");
            assertThat(refused.path("code").asText()).isEqualTo("unavailable");
            redis.restart();
            for (int port : ports.subList(0, 2)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> readiness(port) == 200);
            }
            clients.get(3).send(msg("type", "message", "room", "cluster", "data", "back"));
            for (int i : new int[] { 0, 1, 4 }) {
                assertThat(clients.get(i).await(m -> "back".equals(m.path("data").asText()), "the message after the restart")
                        .path("from").asText()).isEqualTo(ids.get(3));
            }
            clients.get(4).send(msg("type", "answer", "room", "cluster", "to", ids.get(0), "data", "a"));
            assertThat(clients.get(0).awaitType("answer").path("from").asText()).isEqualTo(ids.get(4));
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    /**
     * The login dialect across instances: a name is unique cluster-wide, and an offer and its answer cross between
     * users held by different instances. Uses the first two instances, which the crash test above leaves running.
     */
    @Test
    void loginUsersOnDifferentInstancesCallEachOther() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> readiness(ports.get(0)) == 200 && readiness(ports.get(1)) == 200);
        String alice = "alice-" + java.util.UUID.randomUUID();
        String bob = "bob-" + java.util.UUID.randomUUID();
        try (TestClient onFirst = login(0, alice); TestClient onSecond = login(1, bob);
                TestClient impostor = TestClient.connect(loginUri(1))) {
            impostor.send(msg("type", "login", "name", alice));
            assertThat(impostor.awaitType("login").path("success").asBoolean()).as("name taken on another instance")
                    .isFalse();

            onFirst.send(msg("type", "offer", "name", bob, "offer", msg("type", "offer", "sdp", "v=0")));
            JsonNode offer = onSecond.awaitType("offer");
            assertThat(offer.path("name").asText()).isEqualTo(alice);
            assertThat(offer.path("offer").path("sdp").asText()).isEqualTo("v=0");

            onSecond.send(msg("type", "answer", "name", alice, "answer", msg("type", "answer", "sdp", "v=0")));
            assertThat(onFirst.awaitType("answer").path("answer").path("type").asText()).isEqualTo("answer");
        }
    }

    private static URI loginUri(int instance) {
        return URI.create("http://127.0.0.1:" + ports.get(instance) + "/compat/login");
    }

    private static TestClient login(int instance, String name) {
        TestClient client = TestClient.connect(loginUri(instance));
        client.send(msg("type", "login", "name", name));
        assertThat(client.awaitType("login").path("success").asBoolean()).isTrue();
        return client;
    }

    private static int readiness(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
