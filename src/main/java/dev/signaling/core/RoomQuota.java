package dev.signaling.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many rooms each peer of this instance is in, against {@code signaling.limits.max-rooms-per-peer}. Kept by the
 * service rather than asked of the router, so it works the same with every router and cannot be raced: a join
 * takes a seat before it goes to the router (two joins in flight cannot both take the last one) and gives it back
 * unless it took effect. A peer's count lives from {@link #opened} to {@link #closed}; seats asked for after that are
 * granted without counting (the router answers such joins with "peer gone").
 */
final class RoomQuota {
    private final int maxRoomsPerPeer;
    private final Map<PeerId, AtomicInteger> rooms = new ConcurrentHashMap<>();

    RoomQuota(int maxRoomsPerPeer) {
        this.maxRoomsPerPeer = maxRoomsPerPeer;
    }

    void opened(PeerId peer) {
        rooms.put(peer, new AtomicInteger());
    }

    void closed(PeerId peer) {
        rooms.remove(peer);
    }

    /** Takes a seat for a join; false when the peer is in (or joining) {@code max-rooms-per-peer} rooms already. */
    boolean take(PeerId peer) {
        AtomicInteger count = rooms.get(peer);
        if (count == null) {
            return true;
        }
        while (true) {
            int now = count.get();
            if (now >= maxRoomsPerPeer) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives a seat back: a join that did not take effect, or a leave that did. */
    void giveBack(PeerId peer) {
        AtomicInteger count = rooms.get(peer);
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    int limit() {
        return maxRoomsPerPeer;
    }
}
