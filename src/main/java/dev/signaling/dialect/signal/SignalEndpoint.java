package dev.signaling.dialect.signal;

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
import io.smallrye.common.annotation.NonBlocking;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

/**
 * The native rooms protocol at {@code /signal} (docs/protocol-signal.md). Frames go through {@link SignalCodec}
 * to the core; the core's events come back through the connection's outbox. Nothing here blocks, so every
 * callback runs on the connection's event loop, one frame at a time and in order.
 */
@WebSocket(path = "/signal")
public class SignalEndpoint {
    static final String DIALECT = "signal";

    private final SignalingService service;
    private final ConnectionOutboxes outboxes;
    private final ConnectionPeer peer;
    private final ConnectionGrants grants;
    private final SignalCodec codec;
    private final int maxFrameBytes;

    SignalEndpoint(SignalingService service, ConnectionOutboxes outboxes, ConnectionPeer peer,
            ConnectionGrants grants, SignalingConfig config) {
        this.service = service;
        this.outboxes = outboxes;
        this.peer = peer;
        this.grants = grants;
        this.codec = new SignalCodec(config.limits().maxRequestIdLength());
        this.maxFrameBytes = config.limits().maxFrameBytes();
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        peer.set(service.open(DIALECT, outboxes.create(connection, DIALECT, codec::encode), grants.admit(connection)));
    }

    @OnTextMessage
    @NonBlocking
    void onText(String frame) {
        PeerSession session = peer.session();
        if (FrameSize.exceeds(frame, maxFrameBytes)) {
            service.reject(session, new SignalingException(ErrorCode.FRAME_TOO_LARGE,
                    "frame is larger than " + maxFrameBytes + " bytes"));
            return;
        }
        Command command;
        try {
            command = codec.decode(frame);
        } catch (SignalingException refusal) {
            service.reject(session, refusal);
            return;
        }
        service.handle(session, command);
    }

    @OnBinaryMessage
    @NonBlocking
    void onBinary(Buffer frame) {
        service.reject(peer.session(), new SignalingException(ErrorCode.BINARY_NOT_SUPPORTED,
                "binary frames are not supported; send JSON text frames"));
    }

    /** A bug of ours while handling a frame: answer it and keep the connection, instead of closing it. */
    @OnError
    @NonBlocking
    void onError(RuntimeException failure) {
        Log.errorf(failure, "Unexpected failure on a %s connection", DIALECT);
        PeerSession session = peer.session();
        if (session != null) {
            service.reject(session, new SignalingException(ErrorCode.INTERNAL, "internal error"));
        }
    }

    @OnClose
    @NonBlocking
    void onClose() {
        grants.release();
        PeerSession session = peer.session();
        if (session != null) {
            service.close(session);
        }
    }
}
