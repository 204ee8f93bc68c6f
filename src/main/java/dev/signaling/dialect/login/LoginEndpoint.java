package dev.signaling.dialect.login;

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
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
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
    private final ConnectionOutboxes outboxes;
    private final ConnectionPeer peer;
    private final LoginConnection connectionCall;
    private final ConnectionGrants grants;
    private final LoginCodec codec = new LoginCodec();
    private final int maxFrameBytes;

    LoginEndpoint(SignalingService service, ConnectionOutboxes outboxes, ConnectionPeer peer,
            LoginConnection connectionCall, ConnectionGrants grants, SignalingConfig config) {
        this.grants = grants;
        this.service = service;
        this.outboxes = outboxes;
        this.peer = peer;
        this.connectionCall = connectionCall;
        this.maxFrameBytes = config.limits().maxFrameBytes();
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        LoginCall call = new LoginCall();
        connectionCall.set(call);
        peer.set(service.open(DIALECT, outboxes.create(connection, DIALECT, event -> {
            call.observe(event);
            return codec.encode(event);
        }), grants.admit(connection)));
    }

    @OnTextMessage
    @NonBlocking
    void onText(String frame) {
        PeerSession session = peer.session();
        if (FrameSize.exceeds(frame, maxFrameBytes)) {
            service.reject(session, new SignalingException(ErrorCode.FRAME_TOO_LARGE,
                    "Message too large: the limit is " + maxFrameBytes + " bytes"));
            return;
        }
        Command command;
        try {
            command = codec.decode(frame);
        } catch (SignalingException refusal) {
            service.reject(session, refusal);
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
    void onBinary(Buffer frame) {
        service.reject(peer.session(), new SignalingException(ErrorCode.BINARY_NOT_SUPPORTED,
                "Binary messages are not supported: send JSON text"));
    }

    @OnClose
    @NonBlocking
    void onClose() {
        grants.release();
        PeerSession session = peer.session();
        if (session == null) {
            return;
        }
        String partner = connectionCall.call().end();
        if (partner != null) {
            // Sent while still a member, so it goes out before the departure frees the name.
            service.handle(session, LoginCodec.hangUp(partner));
        }
        service.close(session);
    }
}
