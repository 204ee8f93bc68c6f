package dev.signaling.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RoomName;

/**
 * Keeps peers and rooms in this process's memory. Relays read a room's member map without locking (it is an
 * immutable map swapped on every change); joins and leaves lock only the room they change.
 */
public final class LocalRouter implements Router {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<PeerId, LocalPeer> peers = new ConcurrentHashMap<>();
    private final Map<RoomName, Room> rooms = new ConcurrentHashMap<>();

    @Override
    public void attach(PeerId peer, Outbox outbox) {
        peers.put(peer, new LocalPeer(outbox));
    }

    @Override
    public CompletionStage<Void> detach(PeerId peer) {
        LocalPeer local = peers.remove(peer);
        if (local != null) {
            for (RoomName room : local.rooms) {
                removeMember(room, peer);
            }
        }
        return DONE;
    }

    @Override
    public CompletionStage<JoinOutcome> join(RoomName name, PeerInfo peer, int capacity, String ref) {
        LocalPeer joiner = peers.get(peer.peerId());
        if (joiner == null) {
            // Detached meanwhile (its socket closed): nobody is left to tell, and the room must not list a ghost.
            return CompletableFuture.completedFuture(JoinOutcome.PEER_GONE);
        }
        while (true) {
            Room room = rooms.computeIfAbsent(name, Room::new);
            synchronized (room) {
                if (room.removed) {
                    continue; // emptied and dropped between lookup and lock: make a fresh one
                }
                Map<PeerId, Member> before = room.members;
                if (before.containsKey(peer.peerId())) {
                    return CompletableFuture.completedFuture(JoinOutcome.ALREADY_JOINED);
                }
                if (before.size() >= capacity) {
                    dropIfEmpty(room);
                    return CompletableFuture.completedFuture(JoinOutcome.ROOM_FULL);
                }
                Member member = new Member(peer);
                List<PeerInfo> earlier = new ArrayList<>(before.size());
                before.values().forEach(m -> earlier.add(m.info));
                // Order matters, and relays take no lock: see Member. The others hear of the joiner before the
                // joiner can know it is in (so nothing it sends overtakes the announcement), and relays that
                // find the joiner before its Joined is queued wait for it at the member's gate.
                synchronized (member) {
                    Map<PeerId, Member> after = new LinkedHashMap<>(before);
                    after.put(peer.peerId(), member);
                    room.members = Collections.unmodifiableMap(after);
                    joiner.rooms.add(name);
                    Event announcement = new Event.PeerJoined(name, peer);
                    for (PeerId other : before.keySet()) {
                        deliver(other, announcement);
                    }
                    joiner.outbox.offer(new Event.Joined(name, peer.peerId(), List.copyOf(earlier), ref));
                    member.welcomed = true;
                }
                return CompletableFuture.completedFuture(JoinOutcome.JOINED);
            }
        }
    }

    @Override
    public CompletionStage<Boolean> leave(RoomName room, PeerId peer) {
        LocalPeer local = peers.get(peer);
        if (local != null) {
            local.rooms.remove(room);
        }
        return CompletableFuture.completedFuture(removeMember(room, peer));
    }

    @Override
    public CompletionStage<Delivery> sendToPeer(RoomName name, PeerId from, PeerId to, Event event) {
        Map<PeerId, Member> members = membersOf(name);
        if (!members.containsKey(from)) {
            return CompletableFuture.completedFuture(Delivery.NOT_IN_ROOM);
        }
        Member target = members.get(to);
        if (target == null) {
            return CompletableFuture.completedFuture(Delivery.UNKNOWN_PEER);
        }
        target.awaitWelcome();
        deliver(to, event);
        return CompletableFuture.completedFuture(Delivery.delivered(1));
    }

    @Override
    public CompletionStage<Delivery> sendToRoom(RoomName name, PeerId from, Event event) {
        Map<PeerId, Member> members = membersOf(name);
        if (!members.containsKey(from)) {
            return CompletableFuture.completedFuture(Delivery.NOT_IN_ROOM);
        }
        int recipients = 0;
        for (Map.Entry<PeerId, Member> member : members.entrySet()) {
            if (!member.getKey().equals(from)) {
                member.getValue().awaitWelcome();
                deliver(member.getKey(), event);
                recipients++;
            }
        }
        return CompletableFuture.completedFuture(Delivery.delivered(recipients));
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public int localPeerCount() {
        return peers.size();
    }

    @Override
    public int localRoomCount() {
        return rooms.size();
    }

    /** The members of a room in join order (empty if the room does not exist). */
    public List<PeerInfo> members(RoomName name) {
        return membersOf(name).values().stream().map(m -> m.info).toList();
    }

    private Map<PeerId, Member> membersOf(RoomName name) {
        Room room = rooms.get(name);
        return room == null ? Map.of() : room.members;
    }

    private boolean removeMember(RoomName name, PeerId peer) {
        Room room = rooms.get(name);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            Map<PeerId, Member> before = room.members;
            if (room.removed || !before.containsKey(peer)) {
                return false;
            }
            Map<PeerId, Member> after = new LinkedHashMap<>(before);
            after.remove(peer);
            room.members = Collections.unmodifiableMap(after);
            dropIfEmpty(room);
            Event announcement = new Event.PeerLeft(name, peer);
            for (PeerId other : after.keySet()) {
                deliver(other, announcement);
            }
            return true;
        }
    }

    /** Called with the room's lock held: an empty room disappears. */
    private void dropIfEmpty(Room room) {
        if (room.members.isEmpty()) {
            room.removed = true;
            rooms.remove(room.name, room);
        }
    }

    private void deliver(PeerId to, Event event) {
        LocalPeer peer = peers.get(to);
        if (peer != null) {
            peer.outbox.offer(event);
        }
    }

    private static final class Room {
        final RoomName name;
        /** Immutable; replaced (under the room's lock) on every join and leave, read without a lock. */
        volatile Map<PeerId, Member> members = Map.of();
        /** Set under the lock once the room emptied and left the map; a joiner holding it must look again. */
        boolean removed;

        Room(RoomName name) {
            this.name = name;
        }
    }

    /**
     * One peer's place in one room. A relay that finds a member whose {@link Event.Joined} is not queued yet waits
     * on the member's monitor, which the joining thread holds from publishing the member until that event is
     * queued. That wait is the only lock a relay can meet, it happens only in the microseconds around a join, and
     * it guarantees both that nothing from the room reaches a joiner before its Joined and that a peer which has
     * its Joined is reachable by everyone.
     */
    private static final class Member {
        final PeerInfo info;
        volatile boolean welcomed;

        Member(PeerInfo info) {
            this.info = info;
        }

        void awaitWelcome() {
            if (!welcomed) {
                synchronized (this) {
                    // the joining thread released the monitor: the Joined event is queued
                }
            }
        }
    }

    private static final class LocalPeer {
        final Outbox outbox;
        final Set<RoomName> rooms = ConcurrentHashMap.newKeySet();

        LocalPeer(Outbox outbox) {
            this.outbox = outbox;
        }
    }
}
