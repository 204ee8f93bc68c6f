package dev.signaling.router;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.core.PeerId;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;

/**
 * Owns who is where: which peers exist, which rooms they are in, and the outbox each peer's events go to.
 * Membership changes and the events announcing them happen together, atomically per room, so every member sees
 * the same history (of arrivals and departures, in rooms that announce them; see {@link RoomKind}). Every operation
 * may complete later (a clustered router talks to other nodes), but operations from one caller take effect in call
 * order, so one peer's messages reach each recipient in the order sent.
 *
 * <p>A peer is in a room from the {@link Event.Joined} it is sent until its leave or detach takes effect, or until
 * the router sends it an {@link Event.Left} with no ref: a clustered router does that when a membership was lost
 * (it could not be restored after Redis lost its data), when a join's answer was lost with the connection to Redis
 * (the join is undone), or when a leave that failed with {@code unavailable} (no answer in time) took effect after
 * all. Likewise a join that failed with {@code unavailable} may take effect after
 * all: its joiner is then sent its {@link Event.Joined} (with the join's ref) late.
 */
public interface Router {

    /**
     * Makes a peer of this instance reachable: events addressed to it go to {@code outbox}. Attaching a peer that is
     * attached already gives it the new outbox and keeps its rooms (a resumed session on a new socket).
     */
    void attach(PeerId peer, Outbox outbox);

    /**
     * Takes the peer out of every room it is in (the others get {@link Event.PeerLeft}) and makes it unreachable.
     * Completes with false if it was not attached (already detached: detaching twice is harmless).
     */
    CompletionStage<Boolean> detach(PeerId peer);

    /**
     * Puts {@code peer} into {@code room} if it has fewer than {@code capacity} members and no member has the
     * peer's handle (when it has one). On success every earlier member gets {@link Event.PeerJoined}, and the joiner
     * gets {@link Event.Joined} (carrying {@code ref}) before anything else from that room, and before the join
     * completes. A room this join creates
     * is of {@code kind}; in a {@link RoomKind#DIRECTORY} nobody gets {@link Event.PeerJoined} or
     * {@link Event.PeerLeft}, and {@link Event.Joined} lists nobody.
     */
    CompletionStage<JoinOutcome> join(RoomName room, PeerInfo peer, int capacity, RoomKind kind, String ref);

    /** {@link #join(RoomName, PeerInfo, int, RoomKind, String)} of an ordinary room. */
    default CompletionStage<JoinOutcome> join(RoomName room, PeerInfo peer, int capacity, String ref) {
        return join(room, peer, capacity, RoomKind.ROOM, ref);
    }

    /** Takes {@code peer} out of {@code room} (the others get {@link Event.PeerLeft}); false if it was not in it. */
    CompletionStage<Boolean> leave(RoomName room, PeerId peer);

    /**
     * Delivers {@link Event.Relayed} with {@code data} from {@code from} to the recipients in {@code room}, the
     * sender stamped from its membership. The sender must be a member ({@link Delivery#NOT_IN_ROOM}), and so must a
     * named recipient ({@link Delivery#UNKNOWN_PEER}).
     */
    CompletionStage<Delivery> relay(RoomName room, PeerId from, Recipient to, RelayKind kind, Payload data);

    /** Whether the router can take requests now (readiness). */
    boolean isReady();

    /** While not ready, why, for an operator reading the readiness check; empty when ready. */
    default Optional<String> whyNotReady() {
        return Optional.empty();
    }

    /** Peers attached to this instance. */
    int localPeerCount();

    /** Rooms with at least one member of this instance. */
    int localRoomCount();

    enum JoinOutcome {
        JOINED,
        ROOM_FULL,
        ALREADY_JOINED,
        /** Another member already has the joiner's handle. */
        HANDLE_TAKEN,
        /** The joiner was detached meanwhile (its connection ended); nothing changed. */
        PEER_GONE
    }

    /** The result of a relay: delivered to {@code recipients} peers, or refused with the reason. */
    record Delivery(Status status, int recipients) {
        public static final Delivery NOT_IN_ROOM = new Delivery(Status.NOT_IN_ROOM, 0);
        public static final Delivery UNKNOWN_PEER = new Delivery(Status.UNKNOWN_PEER, 0);

        public static Delivery delivered(int recipients) {
            return new Delivery(Status.DELIVERED, recipients);
        }

        public enum Status {
            DELIVERED,
            NOT_IN_ROOM,
            UNKNOWN_PEER
        }
    }
}
