package dev.signaling.edge;

import dev.signaling.core.PeerSession;
import io.quarkus.websockets.next.WebSocketConnection;

/** What the edge knows about one open WebSocket: its peer and when the client was last heard from. */
public final class LiveConnection {
    final WebSocketConnection connection;
    final PeerSession session;
    private volatile long lastHeardNanos;

    LiveConnection(WebSocketConnection connection, PeerSession session, long nowNanos) {
        this.connection = connection;
        this.session = session;
        this.lastHeardNanos = nowNanos;
    }

    void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    long silentForNanos(long nowNanos) {
        return nowNanos - lastHeardNanos;
    }
}
