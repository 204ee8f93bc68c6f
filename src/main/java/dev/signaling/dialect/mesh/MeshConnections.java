package dev.signaling.dialect.mesh;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Command;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.PeerSession;
import dev.signaling.core.SignalingException;
import dev.signaling.core.SignalingService;
import dev.signaling.edge.ConnectionGrants;
import dev.signaling.edge.ConnectionOutboxes;
import dev.signaling.edge.ConnectionPeer;
import dev.signaling.edge.FrameSize;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * What both mesh endpoints do with a connection; they differ only in how they name the group. Stateless: the
 * connection's peer lives in the session-scoped {@link ConnectionPeer}.
 */
@ApplicationScoped
public class MeshConnections {
    static final String DIALECT = "mesh";

    private final SignalingService service;
    private final ConnectionOutboxes outboxes;
    private final ConnectionPeer peer;
    private final ConnectionGrants grants;
    private final MeshCodec codec;
    private final int maxFrameBytes;

    MeshConnections(SignalingService service, ConnectionOutboxes outboxes, ConnectionPeer peer,
            ConnectionGrants grants, SignalingConfig config) {
        this.grants = grants;
        this.service = service;
        this.outboxes = outboxes;
        this.peer = peer;
        // An id is a handle shown to others, like a display name: same bound.
        this.codec = new MeshCodec(config.limits().maxNameLength());
        this.maxFrameBytes = config.limits().maxFrameBytes();
    }

    void open(WebSocketConnection connection) {
        peer.set(service.open(DIALECT, outboxes.create(connection, DIALECT, codec::encode), grants.admit(connection)));
    }

    void text(String frame, String group) {
        PeerSession session = peer.session();
        if (FrameSize.exceeds(frame, maxFrameBytes)) {
            service.reject(session, new SignalingException(ErrorCode.FRAME_TOO_LARGE,
                    "Message too large: the limit is " + maxFrameBytes + " bytes"));
            return;
        }
        Command command;
        try {
            command = codec.decode(frame, MeshCodec.room(group), session.id());
        } catch (SignalingException refusal) {
            service.reject(session, refusal);
            return;
        }
        service.handle(session, command);
    }

    void binary() {
        service.reject(peer.session(), new SignalingException(ErrorCode.BINARY_NOT_SUPPORTED,
                "Binary messages are not supported: send JSON text"));
    }

    void close() {
        grants.release();
        PeerSession session = peer.session();
        if (session != null) {
            service.close(session);
        }
    }
}
