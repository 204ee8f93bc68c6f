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
import io.quarkus.websockets.next.UserData;
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
    private final FrameIntake intake;
    private final ConnectionGrants grants;
    private final LoginCodec codec = new LoginCodec();

    /** The call of each connection, kept with the connection (see {@link ConnectionPeer} for why not a bean). */
    private static final UserData.TypedKey<LoginCall> CALL = new UserData.TypedKey<>("signaling.login-call");

    LoginEndpoint(SignalingService service, LiveConnections live, FrameIntake intake, ConnectionGrants grants) {
        this.grants = grants;
        this.service = service;
        this.live = live;
        this.intake = intake;
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        LoginCall call = new LoginCall();
        connection.userData().put(CALL, call);
        ConnectionPeer.of(connection).set(live.open(connection, DIALECT, event -> {
            call.observe(event);
            return codec.encode(event);
        }, false, grants.admit(connection)));
    }

    @OnTextMessage
    @NonBlocking
    void onText(String frame, WebSocketConnection connection) {
        PeerSession session = ConnectionPeer.session(connection);
        Command command = intake.decode(connection, session, frame, codec::decode);
        if (command == null) {
            return;
        }
        LoginCall call = connection.userData().get(CALL);
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
        PeerSession session = ConnectionPeer.session(connection);
        LoginCall call = connection.userData().get(CALL);
        String partner = call == null ? null : call.end();
        if (session != null && partner != null) {
            // Sent while still a member, so it goes out before the departure frees the name.
            service.handle(session, LoginCodec.hangUp(partner));
        }
        live.close(connection, session);
    }
}
