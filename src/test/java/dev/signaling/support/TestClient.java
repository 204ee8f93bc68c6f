package dev.signaling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real WebSocket client (the JDK's) for tests: it keeps every text frame it receives, parsed as JSON, and lets a
 * test wait for the next frame of a type, with a few seconds' limit instead of sleeps.
 */
public final class TestClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Frame> inbox = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "";
    private final WebSocket socket;
    private volatile boolean paused;
    private boolean demandOwed;

    private TestClient(HttpClient http, URI uri, Consumer<WebSocket.Builder> options) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        options.accept(builder);
        try {
            this.socket = builder.buildAsync(uri, new Listener()).get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("could not connect to " + uri, e);
        }
    }

    /**
     * Opens a connection to {@code uri} (http:// or ws://) with extra handshake headers. Fails with a
     * {@link java.util.concurrent.CompletionException} caused by {@link java.net.http.WebSocketHandshakeException}
     * (carrying the HTTP response) when the server refuses the upgrade.
     */
    public static TestClient connect(URI uri, java.util.Map<String, String> headers) {
        String s = uri.toString().replaceFirst("^http", "ws");
        return new TestClient(HTTP, URI.create(s), builder -> headers.forEach(builder::header));
    }

    /** Opens a connection to {@code uri} (http:// or ws://). */
    public static TestClient connect(URI uri) {
        return connect(uri, builder -> {
        });
    }

    /** Opens a connection with extra upgrade request settings (headers, subprotocols). */
    public static TestClient connect(URI uri, Consumer<WebSocket.Builder> options) {
        return new TestClient(HTTP, ws(uri), options);
    }

    /** Opens a /signal connection through {@code http} (one that trusts a test's certificate, for wss://). */
    public static TestClient signal(HttpClient http, URI uri) {
        TestClient client = new TestClient(http, ws(uri), builder -> {
        });
        client.awaitType("welcome");
        return client;
    }

    /**
     * Attempts an upgrade that the server must refuse and returns the HTTP status it answered with; fails the test
     * if a socket opens.
     */
    public static int refusedUpgrade(URI uri, Consumer<WebSocket.Builder> options) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        options.accept(builder);
        try {
            WebSocket opened = builder.buildAsync(ws(uri), new WebSocket.Listener() {
            }).get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            opened.abort();
            return fail("the upgrade to " + uri.getPath() + " was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            return fail("the upgrade failed without an HTTP answer: " + e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            return fail("no answer to the upgrade: " + e);
        }
    }

    /** The subprotocol the server agreed to ("" for none). */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** {@code uri} with a query string appended. */
    public static URI withQuery(URI uri, String query) {
        return URI.create(uri + (uri.getQuery() == null ? "?" : "&") + query);
    }

    private static URI ws(URI uri) {
        return URI.create(uri.toString().replaceFirst("^http", "ws"));
    }

    /** Opens a /signal connection and consumes its welcome. */
    public static TestClient signal(URI uri) {
        TestClient client = connect(uri);
        client.awaitType("welcome");
        return client;
    }

    public TestClient send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return this;
    }

    public TestClient send(JsonNode message) {
        return send(message.toString());
    }

    public TestClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return this;
    }

    /** Builds a message: {@code msg("type", "join", "room", "a")}. */
    public static ObjectNode msg(Object... keyValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return node;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * {@code a} and {@code b} (both on /signal) join a new room, {@code a} sends {@code b} a message with {@code data},
     * and the test fails unless {@code b} receives it: the smallest proof that signaling works through a setup.
     */
    public static void exchange(TestClient a, TestClient b, String data) {
        String room = "exchange-" + UUID.randomUUID();
        a.join(room);
        String bId = b.join(room).path("peerId").asText();
        a.awaitType("peer-joined");

        a.send(msg("type", "message", "room", room, "to", bId, "data", data));

        assertThat(b.awaitType("message").path("data").asText()).isEqualTo(data);
    }

    /** Joins {@code room} and returns the {@code joined} answer. */
    public JsonNode join(String room) {
        send(msg("type", "join", "room", room));
        return awaitType("joined");
    }

    /** Removes and returns the first received frame of {@code type}, waiting for it if needed. */
    public JsonNode awaitType(String type) {
        return await(frame -> type.equals(frame.path("type").asText()), "a frame of type '" + type + "'");
    }

    /** Removes and returns the first received frame matching {@code test}, waiting for it if needed. */
    public JsonNode await(Predicate<JsonNode> test, String what) {
        return awaitFrame(test, what).json();
    }

    /** Removes the first received frame of {@code type} and returns its text exactly as it came off the wire. */
    public String awaitRawType(String type) {
        return awaitFrame(frame -> type.equals(frame.path("type").asText()), "a frame of type '" + type + "'").text();
    }

    /** A received text frame: as sent, and parsed. */
    public record Frame(String text, JsonNode json) {
    }

    private synchronized Frame awaitFrame(Predicate<JsonNode> test, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (Iterator<Frame> it = inbox.iterator(); it.hasNext();) {
                Frame frame = it.next();
                if (test.test(frame.json())) {
                    it.remove();
                    return frame;
                }
            }
            if (closed.isDone()) { // nothing more can come
                return fail("the socket ended while waiting for " + what + "; received meanwhile: " + pending() + "; "
                        + state());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("timed out waiting for " + what + "; received meanwhile: " + pending() + "; " + state());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    /** Frames received and not yet taken by an await, oldest first. */
    public synchronized List<JsonNode> pending() {
        return inbox.stream().map(Frame::json).toList();
    }

    /** Whether the socket is still open, or how it ended: for failure messages. */
    private String state() {
        if (!closed.isDone()) {
            return "the socket is open";
        }
        return closed.handle((status, error) -> error == null
                ? "the socket closed with " + status + " \"" + closeReason + "\""
                : "the socket failed: " + error).join();
    }

    /** Drops the connection at the TCP level, without a close frame (a phone losing its network). */
    public void abort() {
        socket.abort();
    }

    /** Completes with the close status code once the server closes the connection. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /**
     * Stops taking frames off the socket, like a browser tab that froze: the JDK client then stops reading, TCP
     * buffers fill, and the server sees a client that does not read.
     */
    public void pauseReading() {
        paused = true;
    }

    /** Takes frames off the socket again. */
    public synchronized void resumeReading() {
        paused = false;
        if (demandOwed) {
            demandOwed = false;
            socket.request(1);
        }
    }

    private synchronized boolean owesDemand() {
        if (paused) {
            demandOwed = true;
        }
        return paused;
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    private synchronized void received(String text) {
        inbox.add(new Frame(text, parse(text)));
        notifyAll();
    }

    private synchronized void wakeWaiters() {
        notifyAll();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(partial.toString());
                partial.setLength(0);
            }
            if (!owesDemand()) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            wakeWaiters();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
            wakeWaiters();
        }
    }
}
