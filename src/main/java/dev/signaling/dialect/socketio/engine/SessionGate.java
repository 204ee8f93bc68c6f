package dev.signaling.dialect.socketio.engine;

import io.vertx.core.http.HttpServerRequest;

/** Decides whether a handshake may open a new session (connection caps), before the session exists. */
@FunctionalInterface
public interface SessionGate {
    /** Lets every handshake through. */
    SessionGate OPEN = request -> () -> {
    };

    /**
     * Admits the handshake {@code request}: returns what to run once its session ends (exactly once), or null after
     * answering the request itself with a refusal.
     */
    Runnable admit(HttpServerRequest request);
}
