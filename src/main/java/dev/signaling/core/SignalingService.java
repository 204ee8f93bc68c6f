package dev.signaling.core;

import java.util.List;
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
    private final PeerIdGenerator ids;
    private final SignalingMetrics metrics;
    private final SignalingConfig.Limits limits;
    private final Event.Limits advertisedLimits;
    private final List<Event.IceServer> iceServers;
    private final RoomQuota roomQuota;

    SignalingService(Router router, PeerIdGenerator ids, SignalingMetrics metrics, SignalingConfig config) {
        this.router = router;
        this.ids = ids;
        this.metrics = metrics;
        this.limits = config.limits();
        this.roomQuota = new RoomQuota(limits.maxRoomsPerPeer());
        this.advertisedLimits = new Event.Limits(limits.maxFrameBytes(), limits.maxPeersPerRoom(),
                limits.maxRoomNameLength(), limits.maxNameLength());
        this.iceServers = config.iceServers().orElse(List.of()).stream()
                .map(s -> new Event.IceServer(List.copyOf(s.urls()), s.username().orElse(null),
                        s.credential().orElse(null)))
                .toList();
    }

    /** A connection opened: makes it a peer, reachable through {@code outbox}, and welcomes it. */
    public PeerSession open(String dialect, Outbox outbox) {
        PeerSession session = new PeerSession(ids.next(), dialect, outbox);
        roomQuota.opened(session.id());
        router.attach(session.id(), outbox);
        outbox.whenGivenUp(() -> close(session));
        metrics.connectionOpened(dialect);
        outbox.offer(new Event.Welcome(session.id(), iceServers, advertisedLimits));
        return session;
    }

    /**
     * The connection ended (or its outbox gave up on it): the peer leaves every room and the others are told.
     * Safe to call more than once; only the first call counts.
     */
    public CompletionStage<Void> close(PeerSession session) {
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

    /** The limits every client is told in its welcome. */
    public Event.Limits limits() {
        return advertisedLimits;
    }

    private CompletionStage<Boolean> join(PeerSession session, Command.Join join) {
        RoomName room = RoomName.parse(join.room(), limits.maxRoomNameLength());
        String name = displayName(join.name());
        int capacity = join.capacity() != null ? join.capacity() : limits.maxPeersPerRoom();
        PeerInfo peer = new PeerInfo(session.id(), name, join.handle());
        if (!roomQuota.take(session.id())) {
            metrics.limitHit(SignalingMetrics.Limit.ROOMS_PER_PEER);
            throw new SignalingException(ErrorCode.TOO_MANY_ROOMS,
                    "in too many rooms (at most " + roomQuota.limit() + "): leave one first");
        }
        return router.join(room, peer, capacity, join.ref()).whenComplete((outcome, failure) -> {
            if (outcome != Router.JoinOutcome.JOINED) {
                roomQuota.giveBack(session.id());
            }
        }).thenApply(outcome -> {
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
