package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.assertUnavailable;
import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;
import dev.signaling.router.RedisRouters;
import dev.signaling.router.Router.Delivery;
import dev.signaling.router.Router.JoinOutcome;
import dev.signaling.support.RedisServer;

/**
 * A full Redis ({@code maxmemory} reached, policy {@code noeviction}: it refuses what would add data). Joins are
 * refused whole with {@code unavailable}, and nobody hears of them; everything else goes on: relays, leaves, and
 * the instances' heartbeats and resyncs, so no instance looks dead and none is stuck unready. On the build before,
 * the members of a room heard of a join Redis then refused halfway, and the refused heartbeats made every instance
 * start over, and fail its resync, again and again.
 */
class RedisFullTest {
    private RedisRouters routers;
    private RedisServer server;
    private RedisRouter one;
    private RedisRouter two;
    private final RoomName room = new RoomName("room-" + UUID.randomUUID());
    private final TestPeer a = TestPeer.named("A");
    private final TestPeer b = TestPeer.named("B");
    private final TestPeer c = TestPeer.named("C");

    @BeforeEach
    void startTwoInstancesWithARoom() throws Exception {
        routers = new RedisRouters();
        server = routers.server();
        one = routers.ready(RedisRouters.FAST);
        two = routers.ready(RedisRouters.FAST);
        a.joins(one, room);
        b.joins(two, room);
        two.attach(c.id(), c.box());
        settle();
        a.box().drain();
        b.box().drain();
    }

    @AfterEach
    void stop() {
        server.run("CONFIG SET maxmemory 0");
        routers.close();
    }

    @Test
    void joinsAreRefusedWholeAndNobodyHearsOfThem() throws Exception {
        fill();

        // a room with members on both instances, a new room, a new directory
        assertUnavailable(two.join(room, c.info(), 10, null)).contains("full");
        assertUnavailable(two.join(new RoomName("new-" + UUID.randomUUID()), c.info(), 10, null)).contains("full");
        assertUnavailable(two.join(new RoomName("dir-" + UUID.randomUUID()), c.info(), 10, RoomKind.DIRECTORY, null))
                .contains("full");
        settle();
        assertThat(a.box().drain()).isEmpty();
        assertThat(b.box().drain()).isEmpty();
        assertThat(c.box().drain()).isEmpty();
        assertThat(server.run("HLEN sig:room:" + room.value())).isEqualTo(":2"); // a and b
        assertThat(server.run("SCARD sig:rooms:" + c.id().value())).isEqualTo(":0");

        server.run("CONFIG SET maxmemory 0"); // room again: the same join goes through
        assertThat(done(two.join(room, c.info(), 10, null))).isEqualTo(JoinOutcome.JOINED);
        assertThat(Newcomer.membersSeenIn(room, one, List.of(one, two), a.box(), b.box(), c.box()))
                .containsExactlyInAnyOrder(a.info(), b.info(), c.info());
    }

    @Test
    void relaysLeavesAndTheInstancesThemselvesGoOn() throws Exception {
        fill();

        // Heartbeats every 200 ms, dead after 800 ms: four TTLs in which neither instance may falter.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> one.isReady() && two.isReady());
        assertThat(server.run("KEYS sig:alive:*")).isEqualTo("*2");
        Delivery relayed = done(one.relay(room, a.id(), Recipient.EVERYONE, RelayKind.MESSAGE,
                new Payload("\"while full\"")));
        assertThat(relayed.recipients()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> b.box().events.stream().anyMatch(e -> e instanceof Event.Relayed));

        // Both instances lose their connections: each resyncs on a full Redis, and is ready again with its peers.
        assertThat(server.run("CLIENT KILL TYPE pubsub")).isEqualTo(":2");
        await().atMost(Duration.ofSeconds(10)).until(() -> !one.isReady() || !two.isReady());
        await().atMost(Duration.ofSeconds(10)).until(() -> one.isReady() && two.isReady());
        assertThat(server.run("HLEN sig:room:" + room.value())).isEqualTo(":2");
        b.box().drain();
        assertThat(done(one.relay(room, a.id(), new Recipient.Peer(b.id()), RelayKind.MESSAGE,
                new Payload("\"after the resync\""))).recipients()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.box().events.stream().anyMatch(
                e -> e instanceof Event.Relayed message && message.data().equals(new Payload("\"after the resync\""))));

        assertThat(done(two.leave(room, b.id()))).isTrue();
        settle();
        assertThat(a.box().drain()).contains(new Event.PeerLeft(room, b.info()));
    }

    /** Redis over its memory limit from now on, refusing what would add data. */
    private void fill() {
        assertThat(server.run("CONFIG SET maxmemory-policy noeviction")).isEqualTo("+OK");
        assertThat(server.run("CONFIG SET maxmemory 1")).isEqualTo("+OK");
    }

    private void settle() throws Exception {
        done(one.sync());
        done(two.sync());
    }
}
