package dev.signaling.dialect.login;

import dev.signaling.core.Command;
import dev.signaling.core.PeerSession;
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
 * The seed-compatible "login" protocol at {@code /compat/login} (docs/protocol-compat-login.md). Frames go through
 * {@link LoginCodec} to the core. Besides the peer, each connection keeps a {@link LoginCall}: the seed tells a
 * closing user's call partner, which no core event expresses.
 */
@WebSocket(path = "/compat/login")
public class LoginEndpoint {
    static final String DIALECT = "login";

    private final SignalingService service;
    private final LiveConnections live;
    private final ConnectionPeer peer;
    private final LoginConnection connectionCall;
    private final FrameIntake intake;
    private final ConnectionGrants grants;
    private final LoginCodec codec = new LoginCodec();

    LoginEndpoint(SignalingService service, LiveConnections live, ConnectionPeer peer,
            LoginConnection connectionCall, FrameIntake intake, ConnectionGrants grants) {
        this.grants = grants;
        this.service = service;
        this.live = live;
        this.peer = peer;
        this.connectionCall = connectionCall;
        this.intake = intake;
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        LoginCall call = new LoginCall();
        connectionCall.set(call);
        peer.set(live.open(connection, DIALECT, event -> {
            call.observe(event);
            return codec.encode(event);
        }, false, grants.admit(connection)));
    }

    @OnTextMessage
    @NonBlocking
    void onText(String frame, WebSocketConnection connection) {
        PeerSession session = peer.session();
        Command command = intake.decode(connection, session, frame, codec::decode);
        if (command == null) {
            return;
        }
        LoginCall call = connectionCall.call();
        String hungUpOn = LoginCodec.hungUpOn(command);
        if (hungUpOn != null) {
            call.hungUpOn(hungUpOn);
        }
        String partner = LoginCodec.callPartner(command);
        service.handle(session, command).thenAccept(delivered -> {
            // As in the seed, only an offer or answer that reached a logged-in user makes it the partner.
            if (delivered && partner != null) {
                call.talkingTo(partner);
            }
        });
    }

    @OnBinaryMessage
    @NonBlocking
    void onBinary(Buffer frame, WebSocketConnection connection) {
        intake.refuseBinary(connection, peer.session());
    }

    @OnPongMessage
    @NonBlocking
    void onPong(Buffer data, WebSocketConnection connection) {
        live.heard(connection);
    }

    @OnError
    @NonBlocking
    void onError(RuntimeException failure, WebSocketConnection connection) {
        intake.failed(connection, DIALECT, failure);
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        grants.release();
        PeerSession session = peer.session();
        String partner = connectionCall.call().end();
        if (session != null && partner != null) {
            // Sent while still a member, so it goes out before the departure frees the name.
            service.handle(session, LoginCodec.hangUp(partner));
        }
        live.close(connection, session);
    }
}
