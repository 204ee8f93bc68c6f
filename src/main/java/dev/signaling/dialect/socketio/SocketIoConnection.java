package dev.signaling.dialect.socketio;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.core.Grant;
import dev.signaling.core.PeerSession;
import dev.signaling.dialect.socketio.SeedEvents.Emit;
import dev.signaling.dialect.socketio.SeedEvents.Reaction;
import dev.signaling.dialect.socketio.engine.EngineListener;
import dev.signaling.edge.RateLimiter;
import dev.signaling.dialect.socketio.engine.EngineSession;

/**
 * The Socket.IO layer of one Engine.IO session, and the outbox of its core peer. Connecting to the main namespace
 * makes the socket a core peer (its peer id is the socket id); DISCONNECT or the end of the session detaches it.
 * <p>
 * State is guarded by this object's monitor, and packets are handed to the session under it so they leave in
 * order. The core is always called without holding it: the core may deliver events to other connections from the
 * calling thread, and holding two connections' locks at once could deadlock.
 */
final class SocketIoConnection implements EngineListener, Outbox {
    private final SocketIoServer server;
    private final int protocol; // Socket.IO protocol: 4 over Engine.IO 3, 5 over Engine.IO 4
    private final String sid;

    /** What the access token of the handshake allows (everything while access tokens are off). */
    private final Grant grant;
    /** Packets per second this session may send, as for the WebSocket dialects (guarded by this). */
    private final RateLimiter rate;
    /** Set once the session is ended for flooding (guarded by this). */
    private boolean abusive;
    // guarded by this
    private EngineSession engine;
    private PeerSession peer;
    private SeedEvents seeds;
    private long connectTimer = -1;
    private boolean closed;

    SocketIoConnection(SocketIoServer server, int engineProtocol, Grant grant) {
        this.server = server;
        this.grant = grant;
        this.rate = server.newRateLimiter();
        this.protocol = engineProtocol == 3 ? 4 : 5;
        if (protocol == 4) {
            // Protocol 4 connects the main namespace implicitly, and 2.x clients take their socket id from the
            // Engine.IO sid: the peer exists from the handshake on and its id is the sid.
            connectMain();
            this.sid = peer.id().value();
        } else {
            this.sid = server.newSid();
        }
    }

    @Override
    public String sid() {
        return sid;
    }

    @Override
    public void onOpen(EngineSession session) {
        synchronized (this) {
            engine = session;
            if (protocol == 4) {
                session.sendMessage(SocketIoCodec.connect(protocol, SocketIoPacket.MAIN_NAMESPACE, sid));
            } else {
                connectTimer = server.startConnectTimer(session);
            }
        }
    }

    /**
     * Counts a packet against the session's rate: past it the packet is dropped (Socket.IO has no error reply the
     * seed clients would understand), and a client that keeps going loses its session.
     */
    private boolean admitted() {
        RateLimiter.Verdict verdict;
        boolean endNow = false;
        synchronized (this) {
            if (abusive) {
                return false; // already ending: packets still in flight are dropped quietly
            }
            verdict = rate.admit(System.nanoTime());
            if (verdict == RateLimiter.Verdict.CLOSE) {
                abusive = true;
                endNow = true;
            }
        }
        if (verdict == RateLimiter.Verdict.ACCEPT) {
            return true;
        }
        server.metrics().rateLimited(SocketIoServer.DIALECT);
        if (endNow) {
            server.metrics().rateLimitClosed(SocketIoServer.DIALECT);
            closeEngine();
        }
        return false;
    }

    @Override
    public void onMessage(String enginePacket) {
        if (!admitted()) {
            return;
        }
        SocketIoPacket packet;
        try {
            packet = SocketIoCodec.decode(enginePacket, 1); // read behind the Engine.IO type, not cut out of it
        } catch (SocketIoCodec.MalformedPacketException e) {
            server.metrics().error(ErrorCode.INVALID_MESSAGE);
            closeEngine();
            return;
        }
        if (packet.isBinary()) {
            refuseBinary(packet.namespace());
            return;
        }
        switch (packet.type()) {
            case SocketIoPacket.CONNECT -> connect(packet);
            case SocketIoPacket.DISCONNECT -> {
                if (SocketIoPacket.MAIN_NAMESPACE.equals(packet.namespace())) {
                    disconnectMain();
                }
            }
            case SocketIoPacket.EVENT -> event(packet);
            default -> {
                // ACKs from the client: this server never asks for one
            }
        }
    }

    @Override
    public void onBinary(byte[] data) {
        refuseBinary(SocketIoPacket.MAIN_NAMESPACE);
    }

    @Override
    public void onClose(String reason) {
        synchronized (this) {
            closed = true;
            server.cancelTimer(connectTimer);
        }
        disconnectMain();
    }

    // ---- namespaces ----

    private void connect(SocketIoPacket packet) {
        String namespace = packet.namespace();
        if (server.referenceSuite() != null && server.referenceSuite().serves(namespace)) {
            synchronized (this) {
                server.cancelTimer(connectTimer);
                send(SocketIoCodec.connect(protocol, namespace, server.newSid()));
                server.referenceSuite().onConnect(this, namespace, packet.data());
            }
            return;
        }
        if (!SocketIoPacket.MAIN_NAMESPACE.equals(namespace)) {
            server.metrics().error(ErrorCode.INVALID_MESSAGE);
            synchronized (this) {
                send(SocketIoCodec.connectError(protocol, namespace, "Invalid namespace"));
            }
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            server.cancelTimer(connectTimer);
        }
        connectMain();
        synchronized (this) {
            send(SocketIoCodec.connect(protocol, namespace, peer.id().value()));
        }
    }

    /** Makes this socket a core peer, unless it is one already. */
    private void connectMain() {
        synchronized (this) {
            if (peer != null) {
                return;
            }
        }
        PeerSession opened = server.service().open(SocketIoServer.DIALECT, this, grant);
        synchronized (this) {
            peer = opened;
            seeds = new SeedEvents(opened.id().value(), server::serverAddresses);
        }
    }

    private void disconnectMain() {
        PeerSession leaving;
        synchronized (this) {
            leaving = peer;
            peer = null;
            seeds = null;
        }
        if (leaving != null) {
            server.service().close(leaving);
        }
    }

    private void refuseBinary(String namespace) {
        server.metrics().error(ErrorCode.BINARY_NOT_SUPPORTED);
        synchronized (this) {
            send(SocketIoCodec.connectError(protocol, namespace,
                    "binary packets are not supported by this server; send JSON arguments"));
        }
        if (SocketIoPacket.MAIN_NAMESPACE.equals(namespace)) {
            disconnectMain();
        }
    }

    // ---- events ----

    private void event(SocketIoPacket packet) {
        if (server.referenceSuite() != null) {
            synchronized (this) {
                server.referenceSuite().onEvent(this, packet);
            }
            return;
        }
        if (!SocketIoPacket.MAIN_NAMESPACE.equals(packet.namespace())) {
            return; // not connected to any other namespace
        }
        PeerSession session;
        Reaction reaction;
        synchronized (this) {
            session = peer;
            if (session == null) {
                return; // not connected: the reference server drops such packets too
            }
            reaction = seeds.onClientEvent(packet.name(), packet.args());
            if (reaction == null) {
                reaction = Reaction.NONE;
            }
            for (Emit emit : reaction.replies()) {
                emit(emit);
            }
        }
        CompletableFuture<?>[] handled = new CompletableFuture<?>[reaction.commands().size()];
        for (int i = 0; i < handled.length; i++) {
            handled[i] = server.service().handle(session, reaction.commands().get(i)).toCompletableFuture();
        }
        if (packet.ackId() != null) {
            // Once the commands took effect (at once with the local router, once Redis ran them with the Redis
            // router), and so after the events they sent this socket: an acknowledged join is a join every instance
            // knows of, and the joiner already holds its answer. Refusals complete normally (as failure events).
            CompletableFuture.allOf(handled).whenComplete((done, failure) -> {
                synchronized (this) {
                    send(SocketIoCodec.ack(packet.namespace(), packet.ackId(), List.of()));
                }
            });
        }
    }

    // ---- outbox ----

    @Override
    public boolean offer(Event event) {
        synchronized (this) {
            if (seeds == null || engine == null) {
                return event instanceof Event.Welcome; // before the session is up only the welcome is sent
            }
            boolean delivered = true;
            for (Emit emit : seeds.onCoreEvent(event)) {
                delivered &= emit(emit);
            }
            if (!delivered) {
                server.metrics().outboxDropped(SocketIoServer.DIALECT);
            }
            return delivered;
        }
    }

    /** Called holding the lock. */
    private boolean emit(Emit emit) {
        return engine != null && engine.sendMessagePacket(
                SocketIoCodec.eventMessage(SocketIoPacket.MAIN_NAMESPACE, emit.name(), emit.args()));
    }

    /** Called holding the lock. */
    boolean send(String packet) {
        return engine != null && engine.sendMessage(packet);
    }

    private void closeEngine() {
        EngineSession session;
        synchronized (this) {
            session = engine;
        }
        if (session != null) {
            session.close();
        }
    }
}
