package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.Ports;
import dev.signaling.support.TestClient;

/**
 * SIGTERM during traffic, against the packaged application in its own process: readiness goes DOWN, new
 * connections are refused with 503, every client is told to reconnect and then closed with 1001, and the process
 * exits within the grace. Nothing hangs.
 */
class DrainIT {
    static final Duration GRACE = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Process server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void sigtermDrainsEveryClientAndExitsWithinTheGrace() throws Exception {
        int port = Ports.free();
        server = start(port);
        URI base = URI.create("http://127.0.0.1:" + port);
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> status(base.resolve("/q/health/ready")) == 200);

        String room = "drain";
        try (TestClient a = TestClient.signal(base.resolve("/signal"));
                TestClient b = TestClient.signal(base.resolve("/signal"));
                TestClient login = TestClient.connect(base.resolve("/compat/login"))) {
            a.join(room);
            b.join(room);
            login.send(msg("type", "login", "name", "alice"));
            assertThat(login.awaitType("login").get("success").asBoolean()).isTrue();

            // Steady traffic, 25 messages a second (well inside the rate limit), until the sockets close.
            ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger seq = new AtomicInteger();
            traffic.scheduleAtFixedRate(() -> {
                if (a.isOpen()) {
                    try {
                        a.send(msg("type", "message", "room", room, "data", seq.getAndIncrement()));
                    } catch (RuntimeException closedMeanwhile) {
                        // the server closed the socket between the check and the send
                    }
                }
            }, 0, 40, TimeUnit.MILLISECONDS);
            b.awaitType("message"); // traffic is flowing

            server.destroy(); // SIGTERM
            long terminatedAt = System.nanoTime();

            for (TestClient client : List.of(a, b)) {
                JsonNode draining = client.awaitType("draining");
                assertThat(draining.get("reconnectInMs").asLong()).isBetween(0L, 2000L);
            }
            Awaitility.await().atMost(GRACE).ignoreExceptions()
                    .until(() -> status(base.resolve("/q/health/ready")) == 503);
            assertThatThrownBy(() -> TestClient.connect(base.resolve("/signal")))
                    .satisfies(e -> assertThat(handshakeFailure(e).getResponse().statusCode()).isEqualTo(503));

            for (TestClient client : List.of(a, b, login)) {
                assertThat(client.closed().get(GRACE.toSeconds() + 10, TimeUnit.SECONDS)).isEqualTo(1001);
            }
            traffic.shutdownNow();
            assertThat(server.waitFor(GRACE.toSeconds() + 15, TimeUnit.SECONDS)).as("process exited").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - terminatedAt)).isLessThan(GRACE.plusSeconds(15));
        }
    }

    private static WebSocketHandshakeException handshakeFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException refused) {
                return refused;
            }
        }
        throw new AssertionError("not a refused handshake", e);
    }

    private static Process start(int port) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged application (run after mvn package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Dquarkus.http.port=" + port, "-Dquarkus.shutdown.delay=" + GRACE.toSeconds() + "s",
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(new File("target/drain-it-server.log"))
                .start();
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
