package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.assertUnavailable;
import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomName;
import dev.signaling.router.RedisRouters;
import dev.signaling.router.RouterContract.RecordingOutbox;
import dev.signaling.router.Router.Delivery;
import dev.signaling.router.Router.JoinOutcome;
import dev.signaling.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Answers that come too late or never. A client's operation fails with {@code unavailable} when Redis does not answer
 * within the operation timeout, but Redis may still run it. The instance then catches up with what Redis did rather
 * than leave Redis, the client and its own record of memberships disagreeing: a late join is kept (its client got
 * its {@code joined}), a late leave is told to its client, and a join whose answer was lost with the connection is
 * undone at the resync after the reconnect. Each test fails on a build without that catching up.
 */
class RedisLateAnswerTest {
    /** Heartbeats far apart (pausing Redis does not make an instance look dead), and a short operation timeout. */
    private static final RedisSettings SLOW_REDIS = RedisRouters.patient(Duration.ofSeconds(1));

    private RedisRouters routers;
    private RedisServer server;
    private RedisRouter one;
    private RedisRouter two;
    private Vertx vertx;
    /** Straight to Redis, for what a test does there itself. */
    private Redis raw;
    private final RoomName room = new RoomName("room-" + UUID.randomUUID());
    /** In the room from the start, on instance two. */
    private final PeerInfo a = new PeerInfo(new PeerId("a-" + UUID.randomUUID()), "A");
    private final RecordingOutbox aBox = new RecordingOutbox(() -> { });
    /** The peer whose operations come late, on instance one. */
    private final PeerInfo x = new PeerInfo(new PeerId("x-" + UUID.randomUUID()), "X");
    private final RecordingOutbox xBox = new RecordingOutbox(() -> { });

    @BeforeEach
    void twoInstancesAndAPeerInARoom() throws Exception {
        routers = new RedisRouters();
        server = routers.server();
        vertx = Vertx.vertx();
        raw = Redis.createClient(vertx, server.url());
        one = routers.ready(SLOW_REDIS);
        two = routers.ready(SLOW_REDIS);
        two.attach(a.peerId(), aBox);
        one.attach(x.peerId(), xBox);
        assertThat(done(two.join(room, a, 10, null))).isEqualTo(JoinOutcome.JOINED);
        aBox.drain(); // its own joined
    }

    @AfterEach
    void stopRedis() throws Exception {
        routers.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aJoinThatRanAfterItsClientWasToldItTimedOutIsKeptAndRestoredAfterRedisLosesEverything() throws Exception {
        server.pause();
        try {
            assertUnavailable(one.join(room, x, 10, "late")).contains("no answer within 1000 ms");
        } finally {
            server.resume();
        }
        settle();

        // Redis ran it: the client got its joined after the failure, and the others were told.
        assertThat(xBox.drain()).containsExactly(new Event.Joined(room, x.peerId(), List.of(a), "late"));
        assertThat(aBox.drain()).containsExactly(new Event.PeerJoined(room, x));
        assertThat(done(one.relay(room, x.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("1"))))
                .isEqualTo(Delivery.delivered(1));
        assertThat(one.localRooms()).containsExactly(room); // what a resync restores

        loseEverythingInRedis();
        assertThat(membersSeenByANewcomer()).containsExactlyInAnyOrder(a, x);
        assertThat(xBox.drain()).containsExactly(new Event.Relayed(RelayKind.MESSAGE, room, a, new Payload("2")));
    }

    @Test
    void aLeaveThatRanAfterItsClientWasToldItTimedOutIsToldToItsClientAndNeverUndone() throws Exception {
        assertThat(done(one.join(room, x, 10, null))).isEqualTo(JoinOutcome.JOINED);
        settle();
        xBox.drain();
        aBox.drain();

        server.pause();
        try {
            assertUnavailable(one.leave(room, x.peerId())).contains("no answer within 1000 ms");
        } finally {
            server.resume();
        }
        settle();

        assertThat(xBox.drain()).containsExactly(new Event.Left(room, null)); // no ref: not an answer to a leave
        assertThat(aBox.drain()).containsExactly(new Event.PeerLeft(room, x));
        assertThat(one.localRooms()).isEmpty();
        assertThat(done(one.relay(room, x.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("1"))))
                .isEqualTo(Delivery.NOT_IN_ROOM);

        loseEverythingInRedis(); // the resync must not bring x back
        assertThat(aBox.drain()).isEmpty();
        assertThat(membersSeenByANewcomer()).containsExactly(a);
        assertThat(xBox.drain()).isEmpty();
    }

    @Test
    void aJoinWhoseAnswerWasLostWithTheConnectionIsUndoneAfterTheReconnect() throws Exception {
        xJoinsAndItsAnswerIsLost();
        // Instance one drops its connections and reconnects; it never confirmed x's membership. (Only instance one:
        // had both reconnected, one's resync could run before two listens again, and a would hear of x's leaving
        // only from the audit, an instance TTL later.)
        one.startOver("the test drops the connections");
        await().atMost(Duration.ofSeconds(10)).until(() -> !aBox.events.isEmpty() && !xBox.events.isEmpty());
        assertThat(aBox.drain()).containsExactly(new Event.PeerLeft(room, x));
        assertThat(xBox.drain()).containsExactly(new Event.Left(room, null));
        assertThat(membersSeenByANewcomer()).containsExactly(a);
    }

    @Test
    void aClientToldItJoinedByAJoinWhoseAnswerWasLostIsToldItLeftEvenWhenALeaveBehindItRanToo() throws Exception {
        xJoinsAndItsAnswerIsLost();
        // The leave x sent next ran too, and its answer was lost as well: Redis has nothing left to undo.
        runUnanswered("leave", room.value(), x.peerId().value());
        await().atMost(Duration.ofSeconds(10)).until(() -> aBox.events.size() == 1);
        assertThat(aBox.drain()).containsExactly(new Event.PeerLeft(room, x));
        killSubscriptions();
        await().atMost(Duration.ofSeconds(10)).until(() -> !xBox.events.isEmpty());
        assertThat(xBox.drain()).containsExactly(new Event.Left(room, null)); // what it was told, undone
        await().atMost(Duration.ofSeconds(10)).until(() -> one.isReady() && two.isReady());
        settle();
        assertThat(aBox.drain()).isEmpty();
        assertThat(membersSeenByANewcomer()).containsExactly(a);
    }

    @Test
    void aJoinersJoinedNamesItsOperationSoThatTheJoinStopsTimingOutOnceItArrives() throws Exception {
        BusSpy bus = BusSpy.on(vertx, server.url(), one);

        assertThat(done(one.join(room, x, 10, "j"))).isEqualTo(JoinOutcome.JOINED);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.size() == 2);
        List<EventWire.BusMessage> heard = bus.drain();
        EventWire.BusMessage joined = heard.get(0);
        EventWire.BusMessage ack = heard.get(1);
        assertThat(ack).isInstanceOf(EventWire.Ack.class);
        assertThat(joined).isEqualTo(new EventWire.Delivery(List.of(x.peerId()),
                new Event.Joined(room, x.peerId(), List.of(a), "j"), EventWire.Kind.EVENT, ((EventWire.Ack) ack).op()));
    }

    /**
     * Redis runs x's join as instance one sent it, and the connection breaks before the answer reaches the instance:
     * x and a were told, the instance never confirmed it.
     */
    private void xJoinsAndItsAnswerIsLost() throws Exception {
        runUnanswered("join", room.value(), x.peerId().value(), EventWire.encodeMember(x), "", "10", "null", "r");
        await().atMost(Duration.ofSeconds(10)).until(() -> xBox.events.size() == 1 && aBox.events.size() == 1);
        assertThat(xBox.drain()).containsExactly(new Event.Joined(room, x.peerId(), List.of(a), null));
        assertThat(aBox.drain()).containsExactly(new Event.PeerJoined(room, x));
    }

    /**
     * Runs an operation of instance one in Redis as the instance would, on its current connection's epoch (the
     * heartbeat's value), but without an acknowledgement (operation id ""): as if its answer was lost.
     */
    private void runUnanswered(String op, String... args) throws Exception {
        String epoch = raw.send(Request.cmd(Command.GET).arg("sig:alive:" + one.instanceId())).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
        Request script = Request.cmd(Command.EVALSHA).arg(RoomScripts.DEFAULT.sha1()).arg(0).arg(op)
                .arg(one.instanceId()).arg("");
        for (String arg : args) {
            script.arg(arg);
        }
        raw.send(script.arg(epoch)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Both instances lose their subscriptions, so drop their connections and reconnect. */
    private void killSubscriptions() throws Exception {
        raw.send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Kills Redis and starts it empty; waits until both instances have restored what they hold. */
    private void loseEverythingInRedis() throws Exception {
        server.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> !one.isReady() && !two.isReady());
        server.restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> one.isReady() && two.isReady());
        settle();
        // a message from a proves both memberships work again (and flushes what the resyncs sent)
        done(two.relay(room, a.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("2")));
        settle();
    }

    /** Everything Redis sent either instance so far has reached its peers. */
    private void settle() throws Exception {
        done(one.sync());
        done(two.sync());
    }

    private List<PeerInfo> membersSeenByANewcomer() throws Exception {
        return Newcomer.membersSeenIn(room, two, List.of(one, two), aBox, xBox);
    }
}
