package dev.signaling.edge;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** Small things done to a socket from many places. */
final class Sockets {
    private Sockets() {
    }

    /**
     * Starts closing {@code connection} with {@code code} and {@code reason} without waiting. A failure means the
     * socket is gone already, so it is only logged at debug level.
     */
    static void close(WebSocketConnection connection, int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {
        }, failure -> Log.debugf("Closing a connection (%d %s) failed: %s", code, reason, failure.getMessage()));
    }
}
