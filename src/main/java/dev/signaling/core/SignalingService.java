package dev.signaling.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.metrics.SignalingMetrics;
import dev.signaling.router.Router;
import io.quarkus.logging.Log;

/**
 * The core of the server: turns commands from any dialect into router operations and answers the sender through
 * its outbox. One small method per command. Knows no wire format, socket or path.
 */
@ApplicationScoped
public class SignalingService {
    private final Router router;
    private final Resumptions resumptions;
    private final PeerIdGenerator ids;
    private final SignalingMetrics metrics;
    private final SignalingConfig.Limits limits;
    private final Event.Limits advertisedLimits;
    private final IceServers iceServers;
    private final boolean authEnabled;
    private final RoomQuota roomQuota;

    SignalingService(Router router, Resumptions resumptions, PeerIdGenerator ids, SignalingMetrics metrics,
            SignalingConfig config, IceServers iceServers) {
        this.router = router;
        this.resumptions = resumptions;
        this.ids = ids;
        this.metrics = metrics;
        this.limits = config.limits();
        this.roomQuota = new RoomQuota(limits.maxRoomsPerPeer());
        this.advertisedLimits = new Event.Limits(limits.maxFrameBytes(), limits.maxPeersPerRoom(),
                limits.maxRoomNameLength(), limits.maxNameLength());
        this.iceServers = iceServers;
        this.authEnabled = config.auth().enabled();
        // Peers that resume never closes (an expired one, the fresh one a resume replaced) still free their seats.
        resumptions.whenReleased(this::release);
    }

    /**
     * A connection opened without a checked grant: while access tokens are on it may join no room (fail closed),
     * otherwise every room. Dialects whose transport carries a token use {@link #open(String, Outbox, Grant)}.
     */
    public PeerSession open(String dialect, Outbox outbox) {
        return open(dialect, outbox, authEnabled ? Grant.NONE : Grant.OPEN);
    }

    /**
     * A connection opened: makes it a peer, reachable through {@code outbox}, allowed what {@code grant} allows, and
     * welcomes it.
     */
    public PeerSession open(String dialect, Outbox outbox, Grant grant) {
        PeerSession session = attach(dialect, outbox, outbox, grant);
        outbox.offer(new Event.Welcome(session.id(), iceServers.forPeer(session.id()), advertisedLimits, null));
        return session;
    }

    /**
     * As {@link #open(String, Outbox, Grant)}, for a dialect whose peers survive a broken socket for a while: the
     * peer's events are numbered and kept for replay, and the welcome carries a resume token. {@code closeSocket}
     * ends this socket if another one resumes the peer.
     */
    public PeerSession openResumable(String dialect, Outbox outbox, Grant grant, Runnable closeSocket) {
        PeerSession session = attach(dialect, resumptions.replayable(outbox), outbox, grant);
        String token = resumptions.track(session, closeSocket);
        session.outbox().offer(new Event.Welcome(session.id(), iceServers.forPeer(session.id()), advertisedLimits,
                token));
        return session;
    }

    /** A new peer whose events go to {@code outbox}, in front of {@code socket}, whose giving up closes the peer. */
    private PeerSession attach(String dialect, Outbox outbox, Outbox socket, Grant grant) {
        PeerSession session = new PeerSession(ids.next(), dialect, outbox, grant);
        router.attach(session.id(), roomQuota.opened(session.id(), outbox));
        socket.whenGivenUp(() -> close(session));
        metrics.connectionOpened(dialect);
        return session;
    }

    /**
     * The socket of {@code session} went away. If it {@code brokeOff} (no goodbye from the client: the link
     * dropped, or it went silent) a resumable peer is suspended and waits for its client; a peer whose socket was
     * replaced by a resumed one lives on; any other is closed.
     */
    public CompletionStage<Void> socketClosed(PeerSession session, boolean brokeOff) {
        return resumptions.suspend(session, brokeOff) ? CompletableFuture.completedFuture(null) : close(session);
    }

    /**
     * A new socket, welcomed as {@code fresh}, takes over the peer named in {@code resume} (see
     * {@link Resumptions#resume}); returns the resumed session, or throws {@link SignalingException} with
     * {@code resume-failed}, and then {@code fresh} carries on as it was.
     */
    public PeerSession resume(PeerSession fresh, Command.Resume resume, Runnable closeFreshSocket) {
        metrics.messageReceived(fresh.dialect(), "resume");
        if (!(fresh.outbox() instanceof ReplayOutbox replay)) {
            throw new SignalingException(ErrorCode.RESUME_FAILED, "this connection cannot resume a session");
        }
        Outbox socket = replay.socket();
        PeerSession resumed = resumptions.resume(fresh, resume.peerId(), resume.resumeToken(), resume.lastSeq(),
                closeFreshSocket, resume.ref());
        socket.whenGivenUp(() -> close(resumed)); // a slow consumer now drops the resumed peer
        return resumed;
    }

    /** Takes a peer out of the router and frees its room seats, without counting a closed connection. */
    private void release(PeerSession session) {
        roomQuota.closed(session.id());
        router.detach(session.id());
    }

    /**
     * The connection ended (or its outbox gave up on it): the peer leaves every room and the others are told.
     * Safe to call more than once; only the first call counts.
     */
    public CompletionStage<Void> close(PeerSession session) {
        resumptions.forget(session);
        roomQuota.closed(session.id());
        return router.detach(session.id()).thenAccept(wasAttached -> {
            if (wasAttached) {
                metrics.connectionClosed(session.dialect());
            }
        });
    }

    /**
     * Carries out one command; refusals go back to the sender as {@link Event.Failure}. The result completes with
     * whether the command took effect (joined, left, delivered), for dialects that keep per-connection state about
     * what their client did (the login dialect's current call partner).
     */
    public CompletionStage<Boolean> handle(PeerSession session, Command command) {
        metrics.messageReceived(session.dialect(), typeOf(command));
        try {
            CompletionStage<Boolean> done;
            if (command instanceof Command.Join join) {
                done = join(session, join);
            } else if (command instanceof Command.Leave leave) {
                done = leave(session, leave);
            } else if (command instanceof Command.Relay relay) {
                done = relay(session, relay);
            } else if (command instanceof Command.Resume) {
                throw new IllegalStateException("a resume goes to resume(), not handle()");
            } else if (command instanceof Command.Ping ping) {
                session.outbox().offer(new Event.Pong(ping.ref()));
                return CompletableFuture.completedFuture(true);
            } else {
                throw new IllegalStateException("unhandled command " + command.getClass().getSimpleName());
            }
            return done.handle((tookEffect, failure) -> {
                if (failure != null) {
                    refuse(session, failure, command.ref());
                    return false;
                }
                return tookEffect;
            });
        } catch (RuntimeException e) {
            refuse(session, e, command.ref());
            return CompletableFuture.completedFuture(false);
        }
    }

    /** Tells the sender its frame was refused before it became a command (bad JSON, wrong fields, too large). */
    public void reject(PeerSession session, SignalingException refusal) {
        metrics.messageReceived(session.dialect(), "invalid");
        fail(session, refusal.code(), refusal.getMessage(), refusal.ref());
    }


    private CompletionStage<Boolean> join(PeerSession session, Command.Join join) {
        RoomName room = RoomName.parse(join.room(), limits.maxRoomNameLength());
        if (!session.grant().allows(room)) {
            throw new SignalingException(ErrorCode.FORBIDDEN, "your access token does not grant this room");
        }
        String name = session.grant().subject() != null
                ? shortened(session.grant().displayName(null))
                : displayName(join.name());
        int capacity = join.capacity() != null ? join.capacity() : limits.maxPeersPerRoom();
        PeerInfo peer = new PeerInfo(session.id(), name, join.handle());
        if (!roomQuota.take(session.id())) {
            metrics.limitHit(SignalingMetrics.Limit.ROOMS_PER_PEER);
            throw new SignalingException(ErrorCode.TOO_MANY_ROOMS,
                    "in too many rooms (at most " + roomQuota.limit() + "): leave one first");
        }
        // The reservation goes back whatever the answer: a join that took effect holds its seat from its Joined.
        return router.join(room, peer, capacity, join.kind(), join.ref())
                .whenComplete((outcome, failure) -> roomQuota.giveBack(session.id())).thenApply(outcome -> {
            switch (outcome) {
                case ROOM_FULL -> {
                    metrics.limitHit(SignalingMetrics.Limit.PEERS_PER_ROOM);
                    fail(session, ErrorCode.ROOM_FULL, "room is full (" + capacity + " peers)", join.ref());
                }
                case ALREADY_JOINED -> fail(session, ErrorCode.ALREADY_JOINED, "already in this room", join.ref());
                case HANDLE_TAKEN -> fail(session, ErrorCode.NAME_TAKEN, "name is taken", join.ref());
                case JOINED, PEER_GONE -> {
                }
            }
            return outcome == Router.JoinOutcome.JOINED;
        });
    }

    private CompletionStage<Boolean> leave(PeerSession session, Command.Leave leave) {
        RoomName room = RoomName.parse(leave.room(), limits.maxRoomNameLength());
        return router.leave(room, session.id()).thenApply(wasMember -> {
            if (wasMember) {
                roomQuota.giveBack(session.id());
                session.outbox().offer(new Event.Left(room, leave.ref()));
            } else {
                fail(session, ErrorCode.NOT_IN_ROOM, "not in this room", leave.ref());
            }
            return wasMember;
        });
    }

    private CompletionStage<Boolean> relay(PeerSession session, Command.Relay relay) {
        RoomName room = RoomName.parse(relay.room(), limits.maxRoomNameLength());
        return router.relay(room, session.id(), relay.to(), relay.kind(), relay.data()).thenApply(result -> {
            switch (result.status()) {
                case DELIVERED -> metrics.messagesRelayed(session.dialect(), relay.kind().wireName(),
                        result.recipients());
                case NOT_IN_ROOM -> fail(session, ErrorCode.NOT_IN_ROOM, "not in this room", relay.ref());
                case UNKNOWN_PEER -> fail(session, ErrorCode.UNKNOWN_PEER, "no such peer in this room",
                        relay.ref());
            }
            return result.status() == Router.Delivery.Status.DELIVERED;
        });
    }

    private String displayName(String name) {
        if (name == null) {
            return null;
        }
        if (name.length() > limits.maxNameLength()) {
            throw new SignalingException(ErrorCode.INVALID_NAME,
                    "name is longer than " + limits.maxNameLength() + " characters");
        }
        if (Text.hasControlCharacter(name)) {
            throw new SignalingException(ErrorCode.INVALID_NAME, "name contains control characters");
        }
        return name;
    }

    /** A name from a token (checked by its issuer and the verifier), cut to the display-name limit. */
    private String shortened(String name) {
        return name.length() <= limits.maxNameLength() ? name : name.substring(0, limits.maxNameLength());
    }

    private void refuse(PeerSession session, Throwable failure, String ref) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof SignalingException refusal) {
            fail(session, refusal.code(), refusal.getMessage(), ref);
        } else {
            Log.errorf(cause, "Command from peer %s failed", session.id());
            fail(session, ErrorCode.INTERNAL, "internal error", ref);
        }
    }

    private void fail(PeerSession session, ErrorCode code, String message, String ref) {
        metrics.error(code);
        session.outbox().offer(new Event.Failure(code, message, ref));
    }

    private static String typeOf(Command command) {
        if (command instanceof Command.Relay relay) {
            return relay.kind().wireName();
        }
        if (command instanceof Command.Join) {
            return "join";
        }
        if (command instanceof Command.Leave) {
            return "leave";
        }
        return "ping";
    }
}
