package dev.signaling.edge;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.metrics.SignalingMetrics;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * An {@link Outbox} over one WebSocket connection. Events are encoded by the connection's dialect and written
 * without waiting; frames handed to the socket but not yet written count against a message and a byte budget.
 * When a client stops reading, its budget runs out and further events for it are dropped (and counted) instead of
 * piling up in memory or slowing the sender.
 */
public final class ConnectionOutbox implements Outbox {
    private final WebSocketConnection connection;
    private final Function<Event, String> encoder;
    private final String dialect;
    private final SignalingMetrics metrics;
    private final int maxMessages;
    private final long maxBytes;
    private final AtomicInteger pendingMessages = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();

    public ConnectionOutbox(WebSocketConnection connection, Function<Event, String> encoder, String dialect,
            SignalingMetrics metrics, int maxMessages, long maxBytes) {
        this.connection = connection;
        this.encoder = encoder;
        this.dialect = dialect;
        this.metrics = metrics;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean offer(Event event) {
        String frame = encoder.apply(event);
        if (frame == null) {
            return true; // this dialect has no wire form for the event
        }
        if (connection.isClosed()) {
            return false;
        }
        // Chars, not bytes: a cheap upper-bound proxy that is the same for every frame kind.
        int size = frame.length();
        int messages = pendingMessages.incrementAndGet();
        long bytes = pendingBytes.addAndGet(size);
        if (messages > maxMessages || bytes > maxBytes) {
            release(size);
            metrics.outboxDropped(dialect);
            return false;
        }
        connection.sendText(frame).subscribe().with(ok -> release(size), failure -> release(size));
        return true;
    }

    /** Frames handed to the socket and not yet written. */
    public int pendingMessages() {
        return pendingMessages.get();
    }

    private void release(int size) {
        pendingMessages.decrementAndGet();
        pendingBytes.addAndGet(-size);
    }
}
