package dev.signaling.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;

/**
 * Keeps peers and rooms in this process's memory. Joins and leaves lock only the room they change; relays take no
 * lock at all (they read concurrent maps), except for the brief wait described at {@link Member}.
 */
public final class LocalRouter implements Router {
    private final Map<PeerId, LocalPeer> peers = new ConcurrentHashMap<>();
    private final Map<RoomName, Room> rooms = new ConcurrentHashMap<>();

    @Override
    public void attach(PeerId peer, Outbox outbox) {
        peers.compute(peer, (key, attached) -> {
            if (attached == null) {
                return new LocalPeer(outbox);
            }
            attached.outbox = outbox;
            return attached;
        });
    }

    @Override
    public CompletionStage<Boolean> detach(PeerId peer) {
        LocalPeer local = peers.remove(peer);
        if (local == null) {
            return completed(false);
        }
        for (RoomName room : local.rooms) {
            removeMember(room, peer);
        }
        return completed(true);
    }

    @Override
    public CompletionStage<JoinOutcome> join(RoomName name, PeerInfo peer, int capacity, RoomKind kind, String ref) {
        LocalPeer joiner = peers.get(peer.peerId());
        if (joiner == null) {
            // Detached meanwhile (its socket closed): the room must not list a ghost.
            return completed(JoinOutcome.PEER_GONE);
        }
        while (true) {
            Room room = rooms.computeIfAbsent(name, n -> new Room(n, kind));
            synchronized (room) {
                if (room.removed) {
                    continue; // emptied and dropped between lookup and lock: make a fresh one
                }
                JoinOutcome refusal = room.refusal(peer, capacity);
                if (refusal != null) {
                    dropIfEmpty(room);
                    return completed(refusal);
                }
                // A directory keeps its members to itself: no list to build, nobody to tell (O(1) per join).
                List<PeerInfo> earlier = room.announces() ? room.infos() : List.of();
                Member member = new Member(peer);
                // Order matters, and relays take no lock. The others hear of the joiner before the joiner can know
                // it is in (so nothing it sends overtakes the announcement); relays that find the joiner before its
                // Joined is queued wait for it at the member's gate (see Member).
                synchronized (member) {
                    room.add(member);
                    joiner.rooms.add(name);
                    Event announcement = new Event.PeerJoined(name, peer);
                    for (PeerInfo other : earlier) {
                        deliver(other.peerId(), announcement);
                    }
                    joiner.outbox.offer(new Event.Joined(name, peer.peerId(), List.copyOf(earlier), ref));
                    member.welcomed = true;
                }
                return completed(JoinOutcome.JOINED);
            }
        }
    }

    @Override
    public CompletionStage<Boolean> leave(RoomName room, PeerId peer) {
        LocalPeer local = peers.get(peer);
        if (local != null) {
            local.rooms.remove(room);
        }
        return completed(removeMember(room, peer));
    }

    @Override
    public CompletionStage<Delivery> relay(RoomName name, PeerId from, Recipient to, RelayKind kind, Payload data) {
        Room room = rooms.get(name);
        Member sender = room == null ? null : room.members.get(from);
        if (sender == null) {
            return completed(Delivery.NOT_IN_ROOM);
        }
        Event event = new Event.Relayed(kind, name, sender.info, data);
        if (to instanceof Recipient.Everyone) {
            int recipients = 0;
            for (Member member : room.members.values()) {
                if (member != sender) {
                    member.awaitWelcome();
                    deliver(member.info.peerId(), event);
                    recipients++;
                }
            }
            return completed(Delivery.delivered(recipients));
        }
        Member target = to instanceof Recipient.Peer peer
                ? room.members.get(peer.peerId())
                : room.handles.get(((Recipient.Handle) to).handle());
        if (target == null) {
            return completed(Delivery.UNKNOWN_PEER);
        }
        target.awaitWelcome();
        deliver(target.info.peerId(), event);
        return completed(Delivery.delivered(1));
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

    /** The members of a room (empty if the room does not exist). */
    public List<PeerInfo> members(RoomName name) {
        Room room = rooms.get(name);
        return room == null ? List.of() : List.copyOf(room.infos());
    }

    private boolean removeMember(RoomName name, PeerId peer) {
        Room room = rooms.get(name);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            Member member = room.removed ? null : room.remove(peer);
            if (member == null) {
                return false;
            }
            dropIfEmpty(room);
            if (room.announces()) {
                Event announcement = new Event.PeerLeft(name, member.info);
                for (PeerId other : room.members.keySet()) {
                    deliver(other, announcement);
                }
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

    private static <T> CompletableFuture<T> completed(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** Members are changed only under the room's lock; relays read the concurrent maps without it. */
    private static final class Room {
        final RoomName name;
        final RoomKind kind;
        final Map<PeerId, Member> members = new ConcurrentHashMap<>(4);
        final Map<String, Member> handles = new ConcurrentHashMap<>(4);
        /** Set under the lock once the room emptied and left the map; a joiner holding it must look again. */
        boolean removed;

        Room(RoomName name, RoomKind kind) {
            this.name = name;
            this.kind = kind;
        }

        /** The members' entries, in a new list. */
        List<PeerInfo> infos() {
            List<PeerInfo> infos = new ArrayList<>(members.size());
            members.values().forEach(m -> infos.add(m.info));
            return infos;
        }

        /** Whether members are told of each other (see {@link RoomKind}). */
        boolean announces() {
            return kind == RoomKind.ROOM;
        }

        JoinOutcome refusal(PeerInfo peer, int capacity) {
            if (members.containsKey(peer.peerId())) {
                return JoinOutcome.ALREADY_JOINED;
            }
            if (peer.handle() != null && handles.containsKey(peer.handle())) {
                return JoinOutcome.HANDLE_TAKEN;
            }
            return members.size() >= capacity ? JoinOutcome.ROOM_FULL : null;
        }

        void add(Member member) {
            members.put(member.info.peerId(), member);
            if (member.info.handle() != null) {
                handles.put(member.info.handle(), member);
            }
        }

        /** Removes and returns the peer's membership, or null if it was not a member. */
        Member remove(PeerId peer) {
            Member member = members.remove(peer);
            if (member != null && member.info.handle() != null) {
                handles.remove(member.info.handle(), member);
            }
            return member;
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
        /** Replaced when a resumed session takes the peer over on a new socket. */
        volatile Outbox outbox;
        /** Sized for the one or two rooms most peers are in (a 4-slot table, not 16: item 42 of docs/benchmarks.md). */
        final Set<RoomName> rooms = ConcurrentHashMap.newKeySet(2);

        LocalPeer(Outbox outbox) {
            this.outbox = outbox;
        }
    }
}
