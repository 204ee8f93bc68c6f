package dev.signaling.dialect.socketio;

import java.util.List;

/**
 * The application the Socket.IO project's socket.io-protocol test suite runs against (its README's reference
 * server): on connection emit {@code auth} with the CONNECT payload, answer {@code message} with
 * {@code message-back}, acknowledge {@code message-with-ack} with its arguments, and serve a {@code /custom}
 * namespace. Used only in reference-suite mode, instead of the seed events.
 */
final class ReferenceSuiteHandlers {
    static final String CUSTOM_NAMESPACE = "/custom";

    boolean serves(String namespace) {
        return SocketIoPacket.MAIN_NAMESPACE.equals(namespace) || CUSTOM_NAMESPACE.equals(namespace);
    }

    private final io.vertx.core.Vertx vertx;

    ReferenceSuiteHandlers(io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Emits {@code auth} a moment after the CONNECT answer: the suite's client waits for one WebSocket message at a
     * time and misses a second one that arrives in the same read, which the Node server avoids by writing its
     * packets one write callback apart.
     */
    void onConnect(SocketIoConnection connection, String namespace, String auth) {
        String packet = SocketIoCodec.event(namespace, "auth", List.of(auth != null ? auth : "{}"));
        vertx.setTimer(20, id -> {
            synchronized (connection) {
                connection.send(packet);
            }
        });
    }

    /** Called holding the connection's lock. */
    void onEvent(SocketIoConnection connection, SocketIoPacket packet) {
        if (packet.name().equals("message")) {
            connection.send(SocketIoCodec.event(packet.namespace(), "message-back", packet.args()));
        } else if (packet.name().equals("message-with-ack") && packet.ackId() != null) {
            connection.send(SocketIoCodec.ack(packet.namespace(), packet.ackId(), packet.args()));
        }
    }
}
