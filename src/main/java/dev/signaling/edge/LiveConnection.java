package dev.signaling.edge;

import dev.signaling.core.PeerSession;
import io.quarkus.websockets.next.WebSocketConnection;

/** What the edge knows about one open WebSocket: its peer, its frame budget, when the client was last heard from. */
public final class LiveConnection {
    final WebSocketConnection connection;
    /** Replaced when this socket resumes an earlier peer. */
    volatile PeerSession session;
    final RateLimiter rate;
    private volatile long lastHeardNanos;

    LiveConnection(WebSocketConnection connection, PeerSession session, RateLimiter rate, long nowNanos) {
        this.connection = connection;
        this.session = session;
        this.rate = rate;
        this.lastHeardNanos = nowNanos;
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    long silentForNanos(long nowNanos) {
        return nowNanos - lastHeardNanos;
    }
}
