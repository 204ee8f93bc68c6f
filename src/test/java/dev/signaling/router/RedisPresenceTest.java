package dev.signaling.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;
import dev.signaling.core.SignalingException;
import dev.signaling.router.redis.RedisRouter;
import dev.signaling.router.redis.RedisSettings;
import dev.signaling.support.RedisServer;

/**
 * Presence that heals: a crashed instance's peers leave every room within the instance TTL plus one heartbeat, and
 * an instance that lost Redis is not ready, refuses operations with {@code unavailable}, and restores its peers
 * by itself once Redis is back (here a Redis that lost everything); an operation a hung Redis never answers fails
 * with {@code unavailable} after the operation timeout.
 */
class RedisPresenceTest {
    private RedisServer server;
    private RedisRouters routers;

    @BeforeEach
    void startRedis() {
        routers = new RedisRouters();
        server = routers.server();
    }

    @AfterEach
    void stopRedis() {
        routers.close();
    }

    @Test
    void aCrashedInstancesPeersLeaveEveryRoomWithinTheBound() throws Exception {
        RedisRouter survivor = routers.ready();
        RedisRouter doomed = routers.ready();
        RoomName r1 = RouterContract.room();
        RoomName r2 = RouterContract.room();
        PeerId a = RouterContract.peer();
        PeerId b = RouterContract.peer();
        RouterContract.RecordingOutbox aBox = new RouterContract.RecordingOutbox(() -> { });
        survivor.attach(a, aBox);
        doomed.attach(b, new RouterContract.RecordingOutbox(() -> { }));
        for (RoomName r : new RoomName[] { r1, r2 }) {
            RouterContract.await(survivor.join(r, new PeerInfo(a, null), 10, null));
            RouterContract.await(doomed.join(r, new PeerInfo(b, "B", "bee"), 10, null));
        }
        RouterContract.await(survivor.sync());
        aBox.drain();

        doomed.halt().toCompletableFuture().join();
        Duration bound = RedisRouters.FAST.instanceTtl().plus(RedisRouters.FAST.heartbeatInterval()).plusMillis(500);
        await().atMost(bound).until(() -> aBox.events.size() == 2);
        assertThat(aBox.drain()).containsExactlyInAnyOrder(new Event.PeerLeft(r1, new PeerInfo(b, "B", "bee")),
                new Event.PeerLeft(r2, new PeerInfo(b, "B", "bee")));
        assertThat(RouterContract.await(survivor.relay(r1, a, new Recipient.Handle("bee"), RelayKind.BYE,
                new Payload("null")))).isEqualTo(Router.Delivery.UNKNOWN_PEER);
    }

    @Test
    void withoutRedisTheRouterIsNotReadyRefusesAndRecoversByItself() throws Exception {
        RedisRouter one = routers.ready();
        RedisRouter two = routers.ready();
        RoomName room = RouterContract.room();
        PeerId a = RouterContract.peer();
        PeerId b = RouterContract.peer();
        RouterContract.RecordingOutbox aBox = new RouterContract.RecordingOutbox(() -> { });
        RouterContract.RecordingOutbox bBox = new RouterContract.RecordingOutbox(() -> { });
        one.attach(a, aBox);
        two.attach(b, bBox);
        RouterContract.await(one.join(room, new PeerInfo(a, "A", "ay"), 10, null));
        RouterContract.await(two.join(room, new PeerInfo(b, "B"), 10, null));
        RouterContract.await(one.sync());
        aBox.drain();
        bBox.drain();

        server.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> !one.isReady() && !two.isReady());
        assertThatThrownBy(() -> RouterContract.await(one.relay(room, a, Recipient.EVERYONE, RelayKind.MESSAGE,
                new Payload("1"))))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SignalingException.class)
                .extracting(e -> ((SignalingException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);

        server.restart(); // empty: every membership is gone from Redis
        await().atMost(Duration.ofSeconds(10)).until(() -> one.isReady() && two.isReady());
        RouterContract.await(one.sync());
        RouterContract.await(two.sync());
        assertThat(aBox.drain()).isEmpty(); // the views already matched: nobody is told anything new
        assertThat(bBox.drain()).isEmpty();

        assertThat(RouterContract.await(two.relay(room, b, new Recipient.Handle("ay"), RelayKind.OFFER,
                new Payload("\"sdp\"")))).isEqualTo(Router.Delivery.delivered(1));
        RouterContract.await(one.sync());
        assertThat(aBox.drain()).containsExactly(
                new Event.Relayed(RelayKind.OFFER, room, new PeerInfo(b, "B"), new Payload("\"sdp\"")));
        PeerId c = RouterContract.peer();
        two.attach(c, new RouterContract.RecordingOutbox(() -> { }));
        assertThat(RouterContract.await(two.join(room, new PeerInfo(c, null, "ay"), 10, null)))
                .isEqualTo(Router.JoinOutcome.HANDLE_TAKEN);
    }

    @Test
    void anOperationAHungRedisNeverAnswersFailsAfterTheOperationTimeout() throws Exception {
        // heartbeats far apart, so that the pause does not also make the instance start over (it would fail the sync)
        RedisSettings patient = RedisRouters.patient(RedisRouters.FAST.operationTimeout());
        RedisRouter one = routers.ready(patient);
        RoomName room = RouterContract.room();
        PeerId a = RouterContract.peer();
        one.attach(a, new RouterContract.RecordingOutbox(() -> { }));
        Duration timeout = patient.operationTimeout();

        server.pause(); // the connections stay up: only the timeout can end the wait
        try {
            long sent = System.nanoTime();
            CompletableFuture<Router.JoinOutcome> join = one.join(room, new PeerInfo(a, null), 10, null)
                    .toCompletableFuture();
            assertThatThrownBy(() -> join.get(timeout.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SignalingException.class)
                    .hasMessageContaining("no answer within " + timeout.toMillis() + " ms")
                    .extracting(e -> ((SignalingException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(timeout);
        } finally {
            server.resume();
        }
        // Redis ran the join once it woke up; its late answer is taken in (RedisLateAnswerTest), and the router
        // carries on.
        RouterContract.await(one.sync());
        assertThat(RouterContract.await(one.join(room, new PeerInfo(a, null), 10, null)))
                .isEqualTo(Router.JoinOutcome.ALREADY_JOINED);
    }

    @Test
    void anInstanceThatDiedWhileRedisWasAwayIsForgottenAfterTheAudit() throws Exception {
        RedisRouter survivor = routers.ready();
        RedisRouter doomed = routers.ready();
        RoomName room = RouterContract.room();
        PeerId a = RouterContract.peer();
        PeerId b = RouterContract.peer();
        RouterContract.RecordingOutbox aBox = new RouterContract.RecordingOutbox(() -> { });
        survivor.attach(a, aBox);
        doomed.attach(b, new RouterContract.RecordingOutbox(() -> { }));
        RouterContract.await(survivor.join(room, new PeerInfo(a, null), 10, null));
        RouterContract.await(doomed.join(room, new PeerInfo(b, "B"), 10, null));
        RouterContract.await(survivor.sync());
        aBox.drain();

        server.kill();
        doomed.halt().toCompletableFuture().join();
        server.restart(); // empty, and the doomed instance never comes back to say so
        Duration bound = RedisRouters.FAST.instanceTtl().multipliedBy(2).plusSeconds(3);
        await().atMost(bound).until(() -> !aBox.events.isEmpty());
        assertThat(aBox.drain()).containsExactly(new Event.PeerLeft(room, new PeerInfo(b, "B")));
    }

    @Test
    void anInstanceWhoseHeartbeatExpiredWithALeaveOnItsWayNeverBringsThePeerBack() throws Exception {
        RedisRouter one = routers.ready();
        RedisRouter two = routers.ready();
        RoomName room = RouterContract.room();
        PeerInfo a = new PeerInfo(RouterContract.peer(), "A");
        PeerInfo x = new PeerInfo(RouterContract.peer(), "X");
        two.attach(a.peerId(), new RouterContract.RecordingOutbox(() -> { }));
        one.attach(x.peerId(), new RouterContract.RecordingOutbox(() -> { }));
        RouterContract.await(two.join(room, a, 10, null));
        RouterContract.await(one.join(room, x, 10, null));

        server.pause(); // long enough for the heartbeats to expire: the first beat after it answers FRESH
        CompletableFuture<Boolean> leave;
        try {
            leave = one.leave(room, x.peerId()).toCompletableFuture(); // runs in Redis right after that beat
            Duration expired = RedisRouters.FAST.instanceTtl().plus(RedisRouters.FAST.heartbeatInterval());
            await().pollDelay(expired).until(() -> true); // a clock has to pass here: nothing to watch while paused
        } finally {
            server.resume();
        }
        // Either the leave was answered before the instance started over (then x is out), or it failed with the old
        // connection (then the client still counts itself in, and the resync restores it). Never in between.
        boolean left = leave.handle((wasMember, failure) -> failure == null && wasMember).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> one.isReady() && two.isReady());
        RouterContract.await(one.sync());
        RouterContract.await(two.sync());
        PeerInfo newcomer = new PeerInfo(RouterContract.peer(), null);
        RouterContract.RecordingOutbox box = new RouterContract.RecordingOutbox(() -> { });
        two.attach(newcomer.peerId(), box);
        RouterContract.await(two.join(room, newcomer, 10, null));
        assertThat(((Event.Joined) box.events.peek()).peers()).as("leave answered %s", left ? "left" : "failed")
                .containsExactlyInAnyOrderElementsOf(left ? List.of(a) : List.of(a, x));
    }

    @Test
    void anInstanceWhoseScriptRedisForgotLoadsItAgain() throws Exception {
        RedisRouter one = routers.ready();
        RoomName room = RouterContract.room();
        PeerId a = RouterContract.peer();
        PeerId b = RouterContract.peer();
        RouterContract.RecordingOutbox aBox = new RouterContract.RecordingOutbox(() -> { });
        one.attach(a, aBox);
        one.attach(b, new RouterContract.RecordingOutbox(() -> { }));
        RouterContract.await(one.join(room, new PeerInfo(a, null), 10, null));

        assertThat(server.run("SCRIPT FLUSH")).isEqualTo("+OK"); // an operator's doing
        // The instance notices at its next heartbeat or operation and reconnects, which loads the script again.
        // Meanwhile an operation fails with unavailable, never with an internal error.
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                return RouterContract.await(one.join(room, new PeerInfo(b, null), 10, null))
                        == Router.JoinOutcome.JOINED;
            } catch (ExecutionException e) {
                failures.add(e.getCause());
                return false;
            }
        });
        assertThat(failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(SignalingException.class)
                .extracting(e -> ((SignalingException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
        RouterContract.await(one.relay(room, b, Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> aBox.events.stream()
                .anyMatch(e -> e instanceof Event.Relayed relayed && relayed.data().equals(new Payload("1"))));
    }

    @Test
    void aDirectoryRestoredAfterRedisLostEverythingIsStillADirectory() throws Exception {
        RedisRouter one = routers.ready();
        RedisRouter two = routers.ready();
        RoomName directory = RouterContract.room();
        PeerId a = RouterContract.peer();
        PeerId b = RouterContract.peer();
        RouterContract.RecordingOutbox aBox = new RouterContract.RecordingOutbox(() -> { });
        RouterContract.RecordingOutbox bBox = new RouterContract.RecordingOutbox(() -> { });
        one.attach(a, aBox);
        two.attach(b, bBox);
        RouterContract.await(one.join(directory, new PeerInfo(a, "A", "ay"), 100, RoomKind.DIRECTORY, null));
        RouterContract.await(two.join(directory, new PeerInfo(b, "B", "bee"), 100, RoomKind.DIRECTORY, null));
        RouterContract.await(one.sync());
        aBox.drain();
        bBox.drain();

        server.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> !one.isReady() && !two.isReady());
        server.restart(); // empty: the instances restore both memberships, and the room's kind with them
        await().atMost(Duration.ofSeconds(10)).until(() -> one.isReady() && two.isReady());
        RouterContract.await(one.sync());
        RouterContract.await(two.sync());
        assertThat(aBox.drain()).isEmpty(); // restoring b announced nothing to a
        assertThat(bBox.drain()).isEmpty();

        PeerId c = RouterContract.peer();
        RouterContract.RecordingOutbox cBox = new RouterContract.RecordingOutbox(() -> { });
        one.attach(c, cBox);
        RouterContract.await(one.join(directory, new PeerInfo(c, "C", "sea"), 100, RoomKind.DIRECTORY, null));
        RouterContract.await(one.sync());
        RouterContract.await(two.sync());
        assertThat(cBox.drain()).containsExactly(new Event.Joined(directory, c, java.util.List.of(), null));
        assertThat(RouterContract.await(one.relay(directory, c, new Recipient.Handle("bee"), RelayKind.OFFER,
                new Payload("1")))).isEqualTo(Router.Delivery.delivered(1));
        RouterContract.await(two.sync());
        assertThat(bBox.drain()).containsExactly(
                new Event.Relayed(RelayKind.OFFER, directory, new PeerInfo(c, "C", "sea"), new Payload("1")));
        assertThat(aBox.drain()).isEmpty();
    }
}
