package dev.signaling.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * How many rooms each peer of this instance is in, against {@code signaling.limits.max-rooms-per-peer}. Kept by the
 * service rather than asked of the router, so it works the same with every router and cannot be raced: a join
 * reserves a seat before it goes to the router (two joins in flight cannot both take the last one) and gives the
 * reservation back once answered, whatever the answer.
 *
 * <p>The seat itself is held from the {@link Event.Joined} the router sends the peer until the peer leaves: by a
 * leave that took effect, or by an {@link Event.Left} from the router (the membership was lost after a Redis
 * outage). Counting what the router tells the peer, rather than the join's answer, keeps the count right when the
 * two disagree: a clustered router's join can take effect after its client was told it timed out, and then the
 * client gets its {@code joined} all the same. The router sends Joined before it answers the join, so for a moment
 * a peer counts one seat too many: a join at the limit may be refused then, never one past it let in.
 *
 * <p>A peer's count lives from {@link #opened} to {@link #closed}; seats asked for after that are granted without
 * counting (the router answers such joins with "peer gone").
 */
final class RoomQuota {
    private final int maxRoomsPerPeer;
    private final Map<PeerId, Seats> rooms = new ConcurrentHashMap<>();

    RoomQuota(int maxRoomsPerPeer) {
        this.maxRoomsPerPeer = maxRoomsPerPeer;
    }

    /**
     * Starts counting {@code peer}'s rooms; returns the outbox the router must send the peer's events to (it is
     * {@code outbox}, counting the Joined and Left events that pass).
     */
    Outbox opened(PeerId peer, Outbox outbox) {
        Seats seats = new Seats(outbox);
        rooms.put(peer, seats);
        return seats;
    }

    void closed(PeerId peer) {
        rooms.remove(peer);
    }

    /** Reserves a seat for a join; false when the peer is in (or joining) {@code max-rooms-per-peer} rooms already. */
    boolean take(PeerId peer) {
        Seats seats = rooms.get(peer);
        return seats == null || seats.take(maxRoomsPerPeer);
    }

    /** Gives a seat back: a join's reservation once the join is answered, or the seat of a leave that took effect. */
    void giveBack(PeerId peer) {
        Seats seats = rooms.get(peer);
        if (seats != null) {
            seats.giveBack();
        }
    }

    int limit() {
        return maxRoomsPerPeer;
    }

    /** One peer's count, and the outbox the router sends it events through. */
    private static final class Seats implements Outbox {
        private static final AtomicIntegerFieldUpdater<Seats> TAKEN =
                AtomicIntegerFieldUpdater.newUpdater(Seats.class, "taken");

        private final Outbox peer;
        /** Rooms the peer was told it joined and has not left, plus joins in flight. */
        private volatile int taken;

        Seats(Outbox peer) {
            this.peer = peer;
        }

        boolean take(int max) {
            while (true) {
                int now = taken;
                if (now >= max) {
                    return false;
                }
                if (TAKEN.compareAndSet(this, now, now + 1)) {
                    return true;
                }
            }
        }

        void giveBack() {
            TAKEN.updateAndGet(this, n -> Math.max(0, n - 1));
        }

        @Override
        public boolean offer(Event event) {
            if (event instanceof Event.Joined) {
                TAKEN.incrementAndGet(this);
            } else if (event instanceof Event.Left) {
                giveBack();
            }
            return peer.offer(event);
        }

        @Override
        public void whenGivenUp(Runnable action) {
            peer.whenGivenUp(action);
        }
    }
}
