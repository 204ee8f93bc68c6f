package dev.signaling.router.redis;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;

/**
 * The peers whose sockets this instance holds: their outboxes, the memberships Redis confirmed for them (to restore
 * after Redis lost them), and each one's view of its rooms (who it has been told is there). Views make room news
 * idempotent at the receiving end: a peer is never told twice that someone joined, nor that someone it never saw
 * left. After a resync, a snapshot of each room tells a peer who came meanwhile, and an audit one instance TTL
 * later (when every live instance has had time to resync too) tells it who is gone.
 */
final class LocalPeers {
    private final Map<PeerId, LocalPeer> peers = new ConcurrentHashMap<>();

    static final class LocalPeer {
        /** Replaced when a resumed session takes the peer over on a new socket. */
        volatile Outbox outbox;
        /** Rooms Redis confirmed, with the member entry and room kind this peer joined with. */
        final Map<RoomName, Membership> rooms = new ConcurrentHashMap<>();
        /** Per room, the members this peer has been told about. Touched only on the bus's thread. */
        final Map<RoomName, Map<PeerId, PeerInfo>> views = new ConcurrentHashMap<>();
        /** Whether a join was ever sent for this peer (then its detach must reach Redis). */
        volatile boolean joinedOnce;

        LocalPeer(Outbox outbox) {
            this.outbox = outbox;
        }
    }

    /** One confirmed membership, as the peer joined: what a resync restores if Redis lost it. */
    record Membership(PeerInfo info, RoomKind kind) {
    }

    /** Attaches a new peer, or gives an attached one a new outbox (keeping its rooms). */
    void attach(PeerId id, Outbox outbox) {
        peers.compute(id, (key, attached) -> {
            if (attached == null) {
                return new LocalPeer(outbox);
            }
            attached.outbox = outbox;
            return attached;
        });
    }

    LocalPeer get(PeerId id) {
        return peers.get(id);
    }

    LocalPeer remove(PeerId id) {
        return peers.remove(id);
    }

    int count() {
        return peers.size();
    }

    Set<RoomName> rooms() {
        Set<RoomName> rooms = new HashSet<>();
        peers.values().forEach(p -> rooms.addAll(p.rooms.keySet()));
        return rooms;
    }

    Map<PeerId, LocalPeer> snapshot() {
        return Map.copyOf(peers);
    }

    /**
     * Hands an event from the bus to {@code to}; returns false if that peer is no longer here (its socket closed
     * while the event was on its way).
     */
    boolean deliver(PeerId to, Event event, EventWire.Kind kind) {
        LocalPeer peer = peers.get(to);
        if (peer == null) {
            return false;
        }
        switch (kind) {
            case EVENT -> news(peer, event);
            case VIEW -> heal(peer, (Event.Joined) event, false);
            case AUDIT -> heal(peer, (Event.Joined) event, true);
            case GONE -> lost(peer, ((Event.Joined) event).room());
        }
        return true;
    }

    /** Redis confirmed that the peer joined {@code room}: a resync restores the membership if Redis loses it. */
    void joined(PeerId id, RoomName room, Membership membership) {
        LocalPeer peer = peers.get(id);
        if (peer != null) {
            peer.rooms.put(room, membership);
        }
    }

    /**
     * The peer is out of {@code room} although no leave of its own told it so: it is told now, with a {@code left}
     * carrying no ref, if it was ever told it was in. Called on the bus's thread.
     */
    void lost(PeerId id, RoomName room) {
        LocalPeer peer = peers.get(id);
        if (peer != null) {
            lost(peer, room);
        }
    }

    private static void lost(LocalPeer peer, RoomName room) {
        peer.rooms.remove(room);
        if (peer.views.remove(room) != null) {
            peer.outbox.offer(new Event.Left(room, null));
        }
    }

    /**
     * Called before a resync, when none of this instance's operations is in flight: each peer is told it is out of
     * every room it was told it joined but whose join was never confirmed (its answer was lost with the connection).
     * The resync makes Redis match what is confirmed, so the peer is out there too; Redis may even have undone that
     * join already (a leave behind it ran, and its answer was lost as well), and would then have nothing to say.
     */
    void dropUnconfirmed() {
        for (LocalPeer peer : peers.values()) {
            for (RoomName room : List.copyOf(peer.views.keySet())) {
                if (!peer.rooms.containsKey(room)) {
                    lost(peer, room);
                }
            }
        }
    }

    /** The peer left {@code room} (confirmed by Redis). */
    void left(PeerId id, RoomName room) {
        LocalPeer peer = peers.get(id);
        if (peer != null) {
            peer.rooms.remove(room);
            peer.views.remove(room);
        }
    }

    private static void news(LocalPeer peer, Event event) {
        if (event instanceof Event.Joined joined) {
            Map<PeerId, PeerInfo> view = new LinkedHashMap<>();
            joined.peers().forEach(p -> view.put(p.peerId(), p));
            peer.views.put(joined.room(), view);
        } else if (event instanceof Event.PeerJoined joined) {
            Map<PeerId, PeerInfo> view = peer.views.get(joined.room());
            if (view != null && view.putIfAbsent(joined.peer().peerId(), joined.peer()) != null) {
                return; // already told
            }
        } else if (event instanceof Event.PeerLeft left) {
            Map<PeerId, PeerInfo> view = peer.views.get(left.room());
            if (view != null && view.remove(left.peer().peerId()) == null) {
                return; // never told it was there
            }
        }
        peer.outbox.offer(event);
    }

    private static void heal(LocalPeer peer, Event.Joined snapshot, boolean removals) {
        RoomName room = snapshot.room();
        Map<PeerId, PeerInfo> old = peer.views.getOrDefault(room, Map.of());
        Map<PeerId, PeerInfo> now = new LinkedHashMap<>();
        snapshot.peers().forEach(p -> now.put(p.peerId(), p));
        for (PeerInfo gone : List.copyOf(old.values())) {
            if (!now.containsKey(gone.peerId())) {
                if (removals) {
                    peer.outbox.offer(new Event.PeerLeft(room, gone));
                } else {
                    now.put(gone.peerId(), gone);
                }
            }
        }
        for (PeerInfo came : now.values()) {
            if (!old.containsKey(came.peerId())) {
                peer.outbox.offer(new Event.PeerJoined(room, came));
            }
        }
        peer.views.put(room, now);
    }
}
