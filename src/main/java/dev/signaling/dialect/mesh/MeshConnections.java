package dev.signaling.dialect.mesh;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Command;
import dev.signaling.core.PeerSession;
import dev.signaling.core.SignalingService;
import dev.signaling.edge.ConnectionGrants;
import dev.signaling.edge.LiveConnections;
import dev.signaling.edge.ConnectionPeer;
import dev.signaling.edge.FrameIntake;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * What both mesh endpoints do with a connection; they differ only in how they name the group. Stateless: the
 * connection's peer lives with the connection ({@link ConnectionPeer}).
 */
@ApplicationScoped
public class MeshConnections {
    static final String DIALECT = "mesh";

    private final SignalingService service;
    private final LiveConnections live;
    private final FrameIntake intake;
    private final ConnectionGrants grants;
    private final MeshCodec codec;

    MeshConnections(SignalingService service, LiveConnections live, FrameIntake intake, ConnectionGrants grants,
            SignalingConfig config) {
        this.grants = grants;
        this.service = service;
        this.live = live;
        this.intake = intake;
        // An id is a handle shown to others, like a display name: same bound.
        this.codec = new MeshCodec(config.limits().maxNameLength());
    }

    void open(WebSocketConnection connection) {
        ConnectionPeer.of(connection).set(live.open(connection, DIALECT, codec::encode, false, grants.admit(connection)));
    }

    void text(WebSocketConnection connection, String frame, String group) {
        PeerSession session = ConnectionPeer.session(connection);
        Command command = intake.decode(connection, session, frame, text -> codec.decode(text, MeshCodec.room(group), session.id()));
        if (command != null) {
            service.handle(session, command);
        }
    }

    void binary(WebSocketConnection connection, int bytes) {
        intake.refuseBinary(connection, ConnectionPeer.session(connection), bytes);
    }

    void pong(WebSocketConnection connection) {
        live.heard(connection);
    }

    void failed(WebSocketConnection connection, Throwable failure) {
        intake.failed(connection, DIALECT, failure);
    }

    void close(WebSocketConnection connection) {
        grants.release(connection);
        live.close(connection, ConnectionPeer.session(connection));
    }
}
