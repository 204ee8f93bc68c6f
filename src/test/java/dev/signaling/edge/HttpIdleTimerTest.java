package dev.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.signaling.support.EngineIoSocket;
import dev.signaling.support.ShortHttpIdleTimeoutProfile;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The HTTP idle timeout (half a second here) governs HTTP connections only: a WebSocket, once upgraded, is watched
 * by its heartbeat alone (20 s pings, or Socket.IO's 1 s in tests), so a quiet but healthy one stays open, while an
 * idle keep-alive HTTP connection, and one whose upgrade was refused, are still closed.
 */
@QuarkusTest
@TestProfile(ShortHttpIdleTimeoutProfile.class)
class HttpIdleTimerTest {
    /** Four idle timeouts, and less than Socket.IO's heartbeat takes to give up on a client (1 s + 3 s in tests). */
    static final Duration QUIET = Duration.ofSeconds(2);

    @TestHTTPResource("/")
    URI root;

    @ParameterizedTest
    @ValueSource(strings = { "/signal", "/compat/login", "/compat/mesh", "/compat/mesh/g" })
    void aQuietWebSocketOutlivesTheHttpIdleTimeout(String path) {
        try (TestClient quiet = TestClient.connect(root.resolve(path), origin())) {
            staysOpen(quiet::isOpen);
        }
    }

    @Test
    void aQuietSignalSocketStillWorksAfterward() {
        try (TestClient quiet = TestClient.signal(root.resolve("/signal"))) {
            staysOpen(quiet::isOpen);
            assertThat(quiet.join("idle-" + UUID.randomUUID()).path("type").asText()).isEqualTo("joined");
        }
    }

    @Test
    void aQuietSocketIoWebSocketOutlivesTheHttpIdleTimeout() throws Exception {
        EngineIoSocket socket = EngineIoSocket.open(root.resolve("/socket.io/"), 4);
        try {
            assertThat(socket.next()).startsWith("0{"); // the Engine.IO handshake
            staysOpen(socket::isOpen);
            // The session still answers: connecting to the main namespace works (its pings, unanswered so far, are
            // still within their timeout).
            socket.send("40");
            assertThat(socket.nextData()).startsWith("40{");
        } finally {
            socket.abort();
        }
    }

    @Test
    void anIdleKeepAliveHttpConnectionIsStillClosed() throws IOException {
        String answer = exchangeUntilClosed("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    @Test
    void aConnectionWhoseUpgradeWasRefusedIsStillClosedWhenIdle() throws IOException {
        String answer = exchangeUntilClosed("GET /compat/login HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Origin: https://elsewhere.example.com\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403");
    }

    /** Checks that {@code open} holds for all of {@link #QUIET}. */
    private static void staysOpen(BooleanSupplier open) {
        Awaitility.await("the socket stays open for " + QUIET).during(QUIET).atMost(QUIET.plusSeconds(3))
                .until(open::getAsBoolean);
    }

    /**
     * Sends {@code request} on a fresh connection and reads until the server closes it, which the idle timeout must
     * do long before the read gives up ({@link TestClient#WAIT}); returns everything read.
     */
    private String exchangeUntilClosed(String request) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout((int) TestClient.WAIT.toMillis()); // a SocketTimeoutException fails the test
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[4096];
            for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
                read.write(chunk, 0, n);
            }
            return read.toString(StandardCharsets.US_ASCII);
        }
    }

    private static Consumer<WebSocket.Builder> origin() {
        return builder -> builder.header("Origin", ShortHttpIdleTimeoutProfile.ALLOWED_ORIGIN);
    }
}
