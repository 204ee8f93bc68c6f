package dev.signaling.router.redis;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.RoomName;

/** Two peers in a room of their own, A attached to one instance and B to another: the pair that spans a cluster. */
record PeerPair(RoomName room, TestPeer a, TestPeer b) {
    static PeerPair across(RedisRouter one, RedisRouter two) throws Exception {
        PeerPair pair = new PeerPair(new RoomName("room-" + UUID.randomUUID()), TestPeer.named("A"),
                TestPeer.named("B"));
        pair.a.joins(one, pair.room);
        pair.b.joins(two, pair.room);
        return pair;
    }

    /** Waits until B has been relayed {@code data}. */
    void awaitBHeard(Payload data) {
        await().atMost(Duration.ofSeconds(10)).until(() -> b.box().events.stream()
                .anyMatch(e -> e instanceof Event.Relayed relayed && relayed.data().equals(data)));
    }
}
