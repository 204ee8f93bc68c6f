package dev.signaling.edge;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.core.OutboxBudget;
import dev.signaling.metrics.SignalingMetrics;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

/**
 * An {@link Outbox} over one WebSocket connection. Events are encoded by the connection's dialect and written
 * without waiting; frames handed to the socket but not yet written count against a message and a byte budget.
 * A client that stops reading exhausts its budget: the event is dropped, the connection is closed with
 * {@value #SLOW_CONSUMER} (try again later) and both are counted, so the client can never pile up memory here or
 * slow down its senders. Its peers then see it leave, as for any other close. A frame that finds a backlog (the
 * connection's first {@value OutboxBudget#FREE_FRAMES} waiting are free) also counts against the {@link OutboxBudget}
 * of all connections together: once that is spent, connections with a backlog are given up on the same way, so
 * that backlogged clients together cannot hold more memory than it allows.
 */
public final class ConnectionOutbox implements Outbox {
    /** Close code for a client that does not read fast enough (RFC 6455 1013, "try again later"). */
    public static final int SLOW_CONSUMER = 1013;

    private final WebSocketConnection connection;
    private final Function<Event, String> encoder;
    private final String dialect;
    private final SignalingMetrics metrics;
    private final int maxMessages;
    private final long maxBytes;
    private final OutboxBudget shared;
    private final AtomicInteger pendingMessages = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean cutOff = new AtomicBoolean();
    private volatile Runnable onGivenUp = () -> {
    };

    public ConnectionOutbox(WebSocketConnection connection, Function<Event, String> encoder, String dialect,
            SignalingMetrics metrics, int maxMessages, long maxBytes, OutboxBudget shared) {
        this.connection = connection;
        this.encoder = encoder;
        this.dialect = dialect;
        this.metrics = metrics;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.shared = shared;
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
        // Chars stand in for bytes: exact for ASCII, which JSON with SDPs almost always is, and no encoding pass.
        int size = frame.length();
        int messages = pendingMessages.incrementAndGet();
        long bytes = pendingBytes.addAndGet(size);
        boolean ownBudgetSpent = messages > maxMessages || bytes > maxBytes;
        int waiting = messages - 1;
        if (ownBudgetSpent || shared.shouldShed(waiting, bytes - size, maxMessages, maxBytes)) {
            pendingMessages.decrementAndGet();
            pendingBytes.addAndGet(-size);
            metrics.outboxDropped(dialect);
            cutOff(!ownBudgetSpent);
            return false;
        }
        boolean counted = shared.take(waiting, size);
        connection.sendText(frame).subscribe().withSubscriber(new Written(size, counted));
        return true;
    }

    @Override
    public void whenGivenUp(Runnable action) {
        this.onGivenUp = action;
    }

    /**
     * Gives up on the client: the core drops the peer now (its room-mates must not wait for a close handshake that
     * cannot get past the unread data), and the socket is closed (Vert.x drops the TCP connection if the client
     * does not answer the close frame in time).
     */
    private void cutOff(boolean bySharedBudget) {
        if (cutOff.compareAndSet(false, true)) {
            metrics.slowConsumerClosed(dialect);
            if (bySharedBudget) {
                metrics.limitHit(SignalingMetrics.Limit.OUTBOX_TOTAL_BYTES);
            }
            onGivenUp.run();
            Sockets.close(connection, SLOW_CONSUMER,
                    bySharedBudget ? "too slow: server over its outbox budget" : "too slow: outbox full");
        }
    }


    private void release(int size, boolean counted) {
        pendingMessages.decrementAndGet();
        pendingBytes.addAndGet(-size);
        if (counted) {
            shared.giveBack(size, 1);
        }
    }

    /**
     * Gives a frame's budget back once the socket has written it (or failed to). A subscriber rather than callbacks
     * passed to {@code subscribe().with(...)}: one object per frame instead of a callback subscriber and two lambdas,
     * and no context-propagation snapshot around them even if application.properties switched propagation back on.
     */
    private final class Written implements UniSubscriber<Void> {
        private final int size;
        /** Whether the frame counts against the shared budget (it found the free frames taken). */
        private final boolean counted;

        Written(int size, boolean counted) {
            this.size = size;
            this.counted = counted;
        }

        @Override
        public void onSubscribe(UniSubscription subscription) {
            // nothing to cancel: a frame handed to the socket is written or fails
        }

        @Override
        public void onItem(Void ignored) {
            release(size, counted);
        }

        @Override
        public void onFailure(Throwable failure) {
            release(size, counted);
        }
    }
}
