package dev.signaling.edge;

import jakarta.enterprise.context.SessionScoped;

import dev.signaling.core.PeerSession;

/**
 * The core session of the current WebSocket connection. WebSockets Next gives each connection its own session
 * context, so endpoints stay stateless singletons and look their peer up here.
 */
@SessionScoped
public class ConnectionPeer {
    private PeerSession session;
    private long expiryTimer = -1;

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
