package dev.signaling.dialect.socketio.engine;

/** Makes the listener of each new Engine.IO session of one path. */
@FunctionalInterface
public interface EngineApplication {

    /**
     * A client completed the Engine.IO handshake with protocol version {@code protocol} (3 or 4);
     * {@code handshake} is its request (headers, query).
     */
    EngineListener newSession(int protocol, io.vertx.core.http.HttpServerRequest handshake);
}
