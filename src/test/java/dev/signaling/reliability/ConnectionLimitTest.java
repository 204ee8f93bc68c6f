package dev.signaling.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.signaling.support.ConnectionCapProfile;
import dev.signaling.support.Scrape;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Past {@code signaling.limits.max-connections} new connections of every dialect are refused with 503, past
 * {@code max-connections-per-ip} from one address with 429; closing a connection frees its place. The client address
 * comes from the last {@code X-Forwarded-For} entry here (the profile trusts it), so one machine stands for many.
 */
@QuarkusTest
@TestProfile(ConnectionCapProfile.class)
class ConnectionLimitTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/signal")
    URI signal;

    @TestHTTPResource("/compat/login")
    URI login;

    @TestHTTPResource("/socket.io/")
    URI socketIo;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable connection : open) {
            connection.close();
        }
        open.clear();
        await().atMost(WAIT).untilAsserted(() -> {
            String scrape = Scrape.metrics();
            for (String dialect : List.of("signal", "login", "mesh", "socketio")) {
                assertThat(Scrape.value(scrape, "signaling_connections{dialect=\"" + dialect + "\""))
                        .as("%s connections still open", dialect).isZero();
            }
        });
    }

    @Test
    void connectionsFromOneAddressPastItsShareAreRefusedWith429UntilOneCloses() {
        String ip = randomIp();
        double hitsBefore = Scrape.value("signaling_limit_hits_total{limit=\"max-connections-per-ip\"");
        // The address that counts is the last one, added by the trusted proxy; what the client claims before it
        // changes nothing.
        TestClient first = keep(TestClient.connect(signal, forwardedFor("10.9.8.7, " + ip)));
        keep(TestClient.connect(login, forwardedFor(ip)));
        keep(socketIoOverWebSocket(ip));

        assertThat(upgradeStatus(signal, forwardedFor("192.0.2.1, " + ip))).isEqualTo(429);
        assertThat(socketIoPollingHandshakeStatus(ip)).isEqualTo(429);
        // Another address is not affected.
        keep(TestClient.connect(signal, forwardedFor(randomIp())));
        assertThat(Scrape.value("signaling_limit_hits_total{limit=\"max-connections-per-ip\""))
                .isEqualTo(hitsBefore + 2);

        first.close();
        await().atMost(WAIT).until(() -> upgradeStatus(signal, forwardedFor(ip)) == 101);
    }

    @Test
    void connectionsPastTheTotalAreRefusedWith503OnEveryDialectUntilOneCloses() {
        double hitsBefore = Scrape.value("signaling_limit_hits_total{limit=\"max-connections\"");
        assertThat(Scrape.value("signaling_connections_limit")).isEqualTo(ConnectionCapProfile.MAX_CONNECTIONS);
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < ConnectionCapProfile.MAX_CONNECTIONS - 1; i++) {
            clients.add(keep(TestClient.connect(i % 2 == 0 ? signal : login, forwardedFor(randomIp()))));
        }
        keep(socketIoOverWebSocket(randomIp())); // a Socket.IO session counts like any other connection

        assertThat(upgradeStatus(signal, forwardedFor(randomIp()))).isEqualTo(503);
        assertThat(upgradeStatus(login, forwardedFor(randomIp()))).isEqualTo(503);
        assertThat(socketIoPollingHandshakeStatus(randomIp())).isEqualTo(503);
        assertThat(Scrape.value("signaling_limit_hits_total{limit=\"max-connections\""))
                .isEqualTo(hitsBefore + 3);

        clients.get(0).abort(); // even a connection that vanished without a close frame gives its place back
        await().atMost(WAIT).until(() -> upgradeStatus(signal, forwardedFor(randomIp())) == 101);
    }

    private <T extends AutoCloseable> T keep(T connection) {
        open.add(connection);
        return connection;
    }

    private static Map<String, String> forwardedFor(String addresses) {
        return Map.of("X-Forwarded-For", addresses);
    }

    private static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** 101 when the upgrade is accepted (the socket is closed again at once), else the refusal's HTTP status. */
    private static int upgradeStatus(URI endpoint, Map<String, String> headers) {
        try {
            TestClient.connect(endpoint, headers).close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private int socketIoPollingHandshakeStatus(String ip) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(socketIo + "?EIO=4&transport=polling"))
                .header("X-Forwarded-For", ip).timeout(WAIT).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Socket.IO session opened directly over WebSocket; closing it ends the session. */
    private AutoCloseable socketIoOverWebSocket(String ip) {
        URI uri = URI.create(socketIo.toString().replaceFirst("^http", "ws") + "?EIO=4&transport=websocket");
        WebSocket socket = HTTP.newWebSocketBuilder().header("X-Forwarded-For", ip).connectTimeout(WAIT)
                .buildAsync(uri, new WebSocket.Listener() {
                }).join();
        return () -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }
}
