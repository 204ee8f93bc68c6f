package dev.signaling.dialect.signal;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Command;
import dev.signaling.core.PeerSession;
import dev.signaling.core.SignalingException;
import dev.signaling.core.SignalingService;
import dev.signaling.edge.ConnectionGrants;
import dev.signaling.edge.LiveConnections;
import dev.signaling.edge.ConnectionPeer;
import dev.signaling.edge.FrameIntake;
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
 * The native rooms protocol at {@code /signal} (docs/protocol-signal.md). Frames go through {@link SignalCodec}
 * to the core; the core's events come back through the connection's outbox. Nothing here blocks, so every
 * callback runs on the connection's event loop, one frame at a time and in order.
 */
@WebSocket(path = "/signal")
public class SignalEndpoint {
    static final String DIALECT = "signal";

    private final SignalingService service;
    private final LiveConnections live;
    private final FrameIntake intake;
    private final ConnectionGrants grants;
    private final SignalCodec codec;

    SignalEndpoint(SignalingService service, LiveConnections live, FrameIntake intake, ConnectionGrants grants,
            SignalingConfig config) {
        this.service = service;
        this.live = live;
        this.intake = intake;
        this.grants = grants;
        this.codec = new SignalCodec(config.limits().maxRequestIdLength());
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        ConnectionPeer.of(connection).set(live.open(connection, DIALECT, codec::encode, true, grants.admit(connection)));
    }

    @OnTextMessage
    @NonBlocking
    void onText(String frame, WebSocketConnection connection) {
        PeerSession session = ConnectionPeer.session(connection);
        Command command = intake.decode(connection, session, frame, codec::decode);
        if (command instanceof Command.Resume resume) {
            resume(connection, session, resume);
        } else if (command != null) {
            service.handle(session, command);
        }
    }

    /** This socket takes over an earlier peer: from now on its frames speak for that peer. */
    private void resume(WebSocketConnection connection, PeerSession session, Command.Resume resume) {
        try {
            PeerSession resumed = service.resume(session, resume, live.replacedCloser(connection));
            ConnectionPeer.of(connection).set(resumed);
            live.rebind(connection, resumed);
        } catch (SignalingException refused) {
            service.reject(session, refused.withRef(resume.ref()));
        }
    }

    @OnBinaryMessage
    @NonBlocking
    void onBinary(Buffer frame, WebSocketConnection connection) {
        intake.refuseBinary(connection, ConnectionPeer.session(connection), frame.length());
    }

    @OnPongMessage
    @NonBlocking
    void onPong(Buffer data, WebSocketConnection connection) {
        live.heard(connection);
    }

    @OnError
    @NonBlocking
    void onError(Throwable failure, WebSocketConnection connection) {
        intake.failed(connection, DIALECT, failure);
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        grants.release(connection);
        live.close(connection, ConnectionPeer.session(connection));
    }
}
