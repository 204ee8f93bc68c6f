package dev.signaling.edge;

import dev.signaling.core.PeerSession;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * What a WebSocket connection carries from one callback to the next: its core session, and the timer that closes
 * it when its access token expires. Kept in the connection's own user data rather than in a {@code @SessionScoped}
 * bean, so WebSockets Next has no CDI session context to create per connection and to activate around every
 * message (that lookup cost a few percent of the CPU per relayed message and about a kilobyte per connection,
 * docs/benchmarks.md). Only the connection's event loop touches it.
 */
public final class ConnectionPeer {
    private static final UserData.TypedKey<ConnectionPeer> KEY = new UserData.TypedKey<>("signaling.peer");

    private PeerSession session;
    private long expiryTimer = -1;

    private ConnectionPeer() {
    }

    /** The state of this connection, made on first use (in its open callback). */
    public static ConnectionPeer of(WebSocketConnection connection) {
        ConnectionPeer peer = connection.userData().get(KEY);
        if (peer == null) {
            peer = new ConnectionPeer();
            connection.userData().put(KEY, peer);
        }
        return peer;
    }

    /** The connection's core session: null only before its open callback ran. */
    public static PeerSession session(WebSocketConnection connection) {
        return of(connection).session;
    }

    public PeerSession session() {
        return session;
    }

    public void set(PeerSession session) {
        this.session = session;
    }

    /** The timer that closes this connection when its access token expires, or -1. */
    long expiryTimer() {
        return expiryTimer;
    }

    void expiryTimer(long timer) {
        this.expiryTimer = timer;
    }
}
