package dev.signaling.edge;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.access.AccessPolicy;
import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Grant;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * Hands a new connection the grant its upgrade was checked with, and ends the connection when the grant does:
 * when its token expires (plus the clock skew), the server closes it with {@value #EXPIRED_CODE}
 * {@code token-expired}; the client reconnects with a fresh token. The timer is cancelled when the connection ends
 * first.
 */
@ApplicationScoped
public class ConnectionGrants {
    /** Where {@link UpgradeGate} leaves the grant for the connection. */
    static final UserData.TypedKey<Grant> GRANT = new UserData.TypedKey<>("signaling.grant");
    /** Close code of a connection whose access token expired (private-use range, modelled on HTTP 401). */
    public static final int EXPIRED_CODE = 4401;
    public static final String EXPIRED_REASON = "token-expired";

    private final Vertx vertx;
    private final boolean authEnabled;
    private final Duration clockSkew;

    ConnectionGrants(Vertx vertx, AccessPolicy access, SignalingConfig config) {
        this.vertx = vertx;
        this.authEnabled = access.enabled();
        this.clockSkew = config.auth().clockSkew();
    }

    /** The grant of this connection; arms its expiry. Call from the endpoint's open callback. */
    public Grant admit(WebSocketConnection connection) {
        Grant grant = connection.userData().get(GRANT);
        if (grant == null) {
            grant = authEnabled ? Grant.NONE : Grant.OPEN; // not checked: fail closed
        }
        if (grant.expiresAt() != null) {
            long delay = Math.max(1, Duration.between(Instant.now(), grant.expiresAt().plus(clockSkew)).toMillis());
            ConnectionPeer.of(connection).expiryTimer(vertx.setTimer(delay, id -> Sockets.close(connection, EXPIRED_CODE, EXPIRED_REASON)));
        }
        return grant;
    }

    /** Disarms the expiry of this connection. Call from the endpoint's close callback. */
    public void release(WebSocketConnection connection) {
        ConnectionPeer peer = ConnectionPeer.of(connection);
        long timer = peer.expiryTimer();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            peer.expiryTimer(-1);
        }
    }
}
