package dev.signaling.dialect.mesh;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * The seed-compatible broadcast mesh at {@code /compat/mesh} (docs/protocol-compat-mesh.md): every connection on
 * this path is in the group {@code default}, the same group as {@code /compat/mesh/default}.
 */
@WebSocket(path = "/compat/mesh")
public class MeshEndpoint {
    private final MeshConnections connections;

    MeshEndpoint(MeshConnections connections) {
        this.connections = connections;
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        connections.open(connection);
    }

    @OnTextMessage
    @NonBlocking
    void onText(String frame, WebSocketConnection connection) {
        connections.text(connection, frame, MeshCodec.DEFAULT_GROUP);
    }

    @OnBinaryMessage
    @NonBlocking
    void onBinary(Buffer frame, WebSocketConnection connection) {
        connections.binary(connection, frame.length());
    }

    @OnPongMessage
    @NonBlocking
    void onPong(Buffer data, WebSocketConnection connection) {
        connections.pong(connection);
    }

    @OnError
    @NonBlocking
    void onError(Throwable failure, WebSocketConnection connection) {
        connections.failed(connection, failure);
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        connections.close(connection);
    }
}
