package dev.signaling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare Engine.IO WebSocket (no Socket.IO client library): it sends the frames a test writes, keeps the text
 * frames it gets, and answers nothing by itself, not even the server's pings.
 */
public final class EngineIoSocket implements WebSocket.Listener {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private EngineIoSocket() {
    }

    /** Opens an Engine.IO {@code eio} session over WebSocket at {@code endpoint} (the path, http:// or ws://). */
    public static EngineIoSocket open(URI endpoint, int eio) {
        EngineIoSocket engine = new EngineIoSocket();
        URI uri = URI.create(endpoint.toString().replaceFirst("^http", "ws") + "?EIO=" + eio + "&transport=websocket");
        engine.socket = HTTP.newWebSocketBuilder().buildAsync(uri, engine).join();
        return engine;
    }

    /** The next text frame, waiting at most {@link TestClient#WAIT} for it. */
    public String next() throws InterruptedException {
        String frame = frames.poll(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame within %s", TestClient.WAIT).isNotNull();
        return frame;
    }

    /** The next text frame that is not a heartbeat (ping "2" or pong "3"). */
    public String nextData() throws InterruptedException {
        String frame = next();
        while (frame.equals("2") || frame.equals("3")) {
            frame = next();
        }
        return frame;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Waits for the server to close the socket (or for it to fail); returns the close status, -1 if it failed. */
    public int awaitClosed() throws Exception {
        return closed.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes with the close status once the socket has ended (-1 if it failed rather than closed). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Drops the connection at the TCP level, without a close frame. */
    public void abort() {
        socket.abort();
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
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }
}
