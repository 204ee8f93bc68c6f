package dev.signaling.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Event;
import dev.signaling.core.Grant;
import dev.signaling.core.OutboxBudget;
import dev.signaling.core.PeerSession;
import dev.signaling.core.SignalingService;
import dev.signaling.metrics.SignalingMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Every open WebSocket of every dialect, from the edge's side. Opening one makes it a core peer behind a
 * {@link ConnectionOutbox}; a timer pings them all every {@code signaling.heartbeat.interval} and closes those
 * not heard from (any frame or pong) for {@code signaling.heartbeat.timeout}. A timed-out peer leaves its rooms
 * at once: the close handshake with a vanished client could take another closing timeout, and its room-mates
 * must not keep seeing a ghost meanwhile.
 */
@ApplicationScoped
public class LiveConnections {
    /** Close code for a client that stopped answering pings (RFC 6455 1001, "going away"). */
    public static final int HEARTBEAT_TIMEOUT = 1001;
    /** Close code for a client that keeps sending past its rate (RFC 6455 1008, "policy violation"). */
    public static final int RATE_ABUSE = 1008;

    private final Map<String, LiveConnection> open = new ConcurrentHashMap<>();
    private final SignalingService service;
    private final SignalingMetrics metrics;
    private final SignalingConfig config;
    private final Vertx vertx;
    private final ConnectionGate gate;
    private final OutboxBudget sharedBudget;
    private long timer = -1;

    LiveConnections(SignalingService service, SignalingMetrics metrics, SignalingConfig config, Vertx vertx,
            ConnectionGate gate, OutboxBudget sharedBudget) {
        this.gate = gate;
        this.sharedBudget = sharedBudget;
        this.service = service;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.heartbeat().interval().toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Close code for a socket whose peer was resumed on another socket (an application code). */
    public static final int REPLACED = 4001;

    /**
     * A connection opened: it becomes a core peer, allowed what {@code grant} allows, whose events {@code encoder}
     * turns into frames. A {@code resumable} peer outlives a broken socket for a while (see core Resumptions).
     */
    public PeerSession open(WebSocketConnection connection, String dialect, Function<Event, String> encoder,
            boolean resumable, Grant grant) {
        gate.opened(connection.id(), connection.handshakeRequest().remoteAddress());
        SignalingConfig.Outbox budget = config.outbox();
        ConnectionOutbox outbox = new ConnectionOutbox(connection, encoder, dialect, metrics, budget.maxMessages(),
                budget.maxBytes(), sharedBudget);
        PeerSession session = resumable
                ? service.openResumable(dialect, outbox, grant, replacedCloser(connection))
                : service.open(dialect, outbox, grant);
        SignalingConfig.RateLimit limit = config.rateLimit();
        long now = System.nanoTime();
        RateLimiter rate = new RateLimiter(limit.messagesPerSecond(), limit.burst(), limit.refusalsBeforeClose(), now);
        open.put(connection.id(), new LiveConnection(connection, session, rate, now));
        // From here on the heartbeat watches this socket: HTTP's idle timer only costs (see HttpIdleTimer).
        SocketReads reads = connection.userData().get(ReadBackpressure.READS);
        if (reads != null) {
            HttpIdleTimer.removeFrom(reads.socket);
        }
        return session;
    }

    /** The client sent a pong: it is alive. */
    public void heard(WebSocketConnection connection) {
        LiveConnection live = open.get(connection.id());
        if (live != null) {
            live.heard(System.nanoTime());
        }
    }

    /**
     * The client sent a frame: it is alive, and the frame counts against its rate. Past the rate the frame is
     * refused; a client that keeps going past it is closed with {@value #RATE_ABUSE}.
     */
    RateLimiter.Verdict admit(WebSocketConnection connection) {
        LiveConnection live = open.get(connection.id());
        if (live == null) {
            return RateLimiter.Verdict.ACCEPT; // opened before this registry knew it (cannot happen) or closing
        }
        long now = System.nanoTime();
        live.heard(now);
        RateLimiter.Verdict verdict = live.rate.admit(now);
        if (verdict != RateLimiter.Verdict.ACCEPT) {
            metrics.rateLimited(live.session.dialect());
        }
        if (verdict == RateLimiter.Verdict.CLOSE && open.remove(connection.id(), live)) {
            metrics.rateLimitClosed(live.session.dialect());
            service.close(live.session);
            Sockets.close(connection, RATE_ABUSE, "rate limit exceeded");
        }
        return verdict;
    }

    /**
     * The connection closed. A client that said goodbye (a close frame) leaves its rooms at once; one whose
     * connection just broke (no close frame) may come back, so a resumable peer waits for it.
     */
    public void close(WebSocketConnection connection, PeerSession session) {
        open.remove(connection.id());
        gate.closed(connection.id());
        if (session == null) {
            return;
        }
        service.socketClosed(session, brokeOff(connection.closeReason()));
    }

    /** No close frame came: 1006 (abnormal closure) or 1005 (no status), as the transport reports a dropped link. */
    private static boolean brokeOff(CloseReason reason) {
        return reason == null || reason.getCode() == 1006 || reason.getCode() == 1005;
    }

    /** This socket resumed an earlier peer: from now on it stands for {@code resumed}. */
    public void rebind(WebSocketConnection connection, PeerSession resumed) {
        LiveConnection live = open.get(connection.id());
        if (live != null) {
            live.session = resumed;
        }
    }

    /** What ends {@code connection} when another socket resumes its peer. */
    public Runnable replacedCloser(WebSocketConnection connection) {
        return () -> Sockets.close(connection, REPLACED, "session resumed on another connection");
    }

    /** The peer of an open connection, or null once it closed. */
    public PeerSession session(WebSocketConnection connection) {
        LiveConnection live = open.get(connection.id());
        return live == null ? null : live.session;
    }

    /** Gives every open connection's peer an event (each its own, from {@code event}). */
    public void tellEveryone(java.util.function.Supplier<Event> event) {
        for (LiveConnection live : open.values()) {
            live.session.outbox().offer(event.get());
        }
    }

    /** Starts closing every open connection with {@code code}; does not wait (safe on an event loop). */
    public void closeAll(int code, String reason) {
        closing(code, reason).forEach(close -> close.subscribe().with(ok -> {
        }, failure -> Log.debugf("Closing failed: %s", failure.getMessage())));
    }

    /** Closes every open connection with {@code code}, waiting at most {@code wait} for the close frames to go out. */
    public void closeAll(int code, String reason, java.time.Duration wait) {
        java.util.List<io.smallrye.mutiny.Uni<Void>> closing = closing(code, reason);
        if (!closing.isEmpty()) {
            try {
                io.smallrye.mutiny.Uni.join().all(closing).andCollectFailures().await().atMost(wait);
            } catch (RuntimeException slow) {
                Log.warnf("Not every connection closed within %s: %s", wait, slow.getMessage());
            }
        }
    }

    private java.util.List<io.smallrye.mutiny.Uni<Void>> closing(int code, String reason) {
        java.util.List<io.smallrye.mutiny.Uni<Void>> closing = new java.util.ArrayList<>();
        for (LiveConnection live : open.values()) {
            if (live.connection.isOpen()) {
                closing.add(live.connection.close(new CloseReason(code, reason)).onFailure().recoverWithNull());
            }
        }
        return closing;
    }

    /** Open connections of every dialect. */
    public int count() {
        return open.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        long timeout = config.heartbeat().timeout().toNanos();
        for (LiveConnection live : open.values()) {
            if (live.silentForNanos(now) > timeout) {
                timedOut(live);
            } else if (live.connection.isOpen()) {
                live.connection.sendPing(Buffer.buffer()).subscribe().with(ok -> {
                }, failure -> Log.debugf("Ping failed: %s", failure.getMessage()));
            }
        }
    }

    private void timedOut(LiveConnection live) {
        if (open.remove(live.connection.id(), live)) {
            metrics.heartbeatTimeout(live.session.dialect());
            service.socketClosed(live.session, true);
            Sockets.close(live.connection, HEARTBEAT_TIMEOUT, "heartbeat timeout");
        }
    }
}
