package dev.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
            Awaitility.await("the socket stays open for " + QUIET).during(QUIET).atMost(QUIET.plusSeconds(3)).until(quiet::isOpen);
        }
    }

    @Test
    void aQuietSignalSocketStillWorksAfterward() {
        try (TestClient quiet = TestClient.signal(root.resolve("/signal"))) {
            Awaitility.await("the socket stays open for " + QUIET).during(QUIET).atMost(QUIET.plusSeconds(3)).until(quiet::isOpen);
            assertThat(quiet.join("idle-" + UUID.randomUUID()).path("type").asText()).isEqualTo("joined");
        }
    }

    @Test
    void aQuietSocketIoWebSocketOutlivesTheHttpIdleTimeout() throws Exception {
        EngineSocket socket = EngineSocket.open(root.resolve("/socket.io/?EIO=4&transport=websocket"));
        try {
            assertThat(socket.next()).startsWith("0{"); // the Engine.IO handshake
            Awaitility.await("the socket stays open for " + QUIET).during(QUIET).atMost(QUIET.plusSeconds(3)).until(() -> !socket.closed.isDone());
            socket.send("40"); // connect to the main namespace: the session still answers
            String frame = socket.next();
            while (frame.equals("2")) { // the server's pings, left unanswered: within its timeout
                frame = socket.next();
            }
            assertThat(frame).startsWith("40{");
        } finally {
            socket.socket.abort();
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

    /** A bare Engine.IO WebSocket that keeps the text frames it gets and says when it ended. */
    static final class EngineSocket implements WebSocket.Listener {
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static EngineSocket open(URI uri) {
            EngineSocket engine = new EngineSocket();
            engine.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Origin", ShortHttpIdleTimeoutProfile.ALLOWED_ORIGIN)
                    .buildAsync(URI.create(uri.toString().replaceFirst("^http", "ws")), engine).join();
            return engine;
        }

        String next() throws InterruptedException {
            String frame = frames.poll(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", TestClient.WAIT).isNotNull();
            return frame;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
        }
    }
}
