package dev.signaling.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.Event;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RoomName;
import dev.signaling.core.SignalingException;
import dev.signaling.router.Router.JoinOutcome;
import dev.signaling.router.redis.RedisRouter;
import dev.signaling.router.redis.RedisSettings;
import dev.signaling.support.RedisServer;

/**
 * Bursts on one instance's connection to Redis, which carries at most 1,024 unanswered commands (the Vert.x client
 * refuses more than 2,048 outright): the rest wait in order; a client's operation that cannot wait fails at once,
 * and one that waited past the operation timeout, when its client was told it failed, is never sent. A departure
 * always is.
 */
class RedisBurstTest {
    /** Unanswered commands the link allows on its connection (RedisLink.WINDOW). */
    private static final int WINDOW = 1024;

    /** A timeout long enough that nothing in these tests reaches it, unless a test says otherwise. */
    private static final RedisSettings PATIENT = RedisRouters.patient(Duration.ofSeconds(60));

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
    void aBurstOfJoinsThreeTimesWhatTheRedisClientHoldsAllSucceed() throws Exception {
        RedisRouter one = routers.ready(PATIENT);
        List<CompletableFuture<JoinOutcome>> joins = new ArrayList<>();
        RoomName room = null;
        server.pause(); // the burst comes faster than Redis answers
        try {
            for (int i = 0; i < 6_000; i++) {
                room = i % 2 == 0 ? RouterContract.room() : room; // rooms of two, as when an instance's clients rejoin
                joins.add(join(one, room, RouterContract.peer()));
            }
        } finally {
            server.resume();
        }

        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(joins).allSatisfy(join -> assertThat(join.join()).isEqualTo(JoinOutcome.JOINED));
        assertThat(one.localRoomCount()).isEqualTo(3_000);
    }

    @Test
    void pastTheQueueLimitAClientsOperationFailsAtOnceAndTheOthersStillHappen() throws Exception {
        AtomicInteger counted = new AtomicInteger();
        RedisRouter.Observer metrics = new RedisRouter.Observer() {
            @Override
            public void undeliverable(String reason, int count) {
            }

            @Override
            public void queueFull() {
                counted.incrementAndGet();
            }
        };
        // a timeout long enough that nothing in this test reaches it
        RedisRouter one = routers.ready(RedisRouters.patient(PATIENT.operationTimeout(), 100), metrics);
        List<CompletableFuture<JoinOutcome>> accepted = new ArrayList<>();
        List<CompletableFuture<JoinOutcome>> refused = new ArrayList<>();

        server.pause(); // nothing is answered: the lane fills up, then the queue
        for (int i = 0; i < WINDOW + 100; i++) {
            accepted.add(join(one, RouterContract.room(), RouterContract.peer()));
        }
        for (int i = 0; i < 10; i++) {
            refused.add(join(one, RouterContract.room(), RouterContract.peer()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> refused.stream().allMatch(CompletableFuture::isDone));
        assertThat(accepted).noneMatch(CompletableFuture::isDone); // Redis has answered nothing yet
        assertThat(one.queuedOperations()).isEqualTo(100);
        assertThat(counted).hasValue(10);
        server.resume();

        assertThat(refused).allSatisfy(join -> assertUnavailable(join, "the cluster store is busy, try again"));
        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(accepted).allSatisfy(join -> assertThat(join.join()).isEqualTo(JoinOutcome.JOINED));
        assertThat(one.queuedOperations()).isZero();
    }

    @Test
    void aClientsOperationThatWaitedPastTheTimeoutIsNeverSentButADepartureStillIs() throws Exception {
        RedisRouter one = routers.ready(RedisRouters.patient(Duration.ofSeconds(1)));
        RoomName leftRoom = RouterContract.room();
        PeerId leaver = RouterContract.peer();
        assertThat(join(one, leftRoom, leaver).get(10, TimeUnit.SECONDS)).isEqualTo(JoinOutcome.JOINED);

        List<RoomName> lateRooms = new ArrayList<>();
        List<CompletableFuture<JoinOutcome>> late = new ArrayList<>();
        CompletableFuture<Boolean> departure;
        server.pause();
        try {
            for (int i = 0; i < WINDOW; i++) { // these fill the lane: Redis reads them once it goes on
                join(one, RouterContract.room(), RouterContract.peer());
            }
            for (int i = 0; i < 20; i++) { // these wait in the link's queue
                lateRooms.add(RouterContract.room());
                late.add(join(one, lateRooms.get(i), RouterContract.peer()));
            }
            departure = one.detach(leaver).toCompletableFuture(); // queued behind them
            await().atMost(Duration.ofSeconds(10)).until(() -> late.stream().allMatch(CompletableFuture::isDone));
        } finally {
            server.resume();
        }

        assertThat(late).allSatisfy(join -> assertUnavailable(join, "no answer within 1000 ms"));
        assertThat(departure.get(10, TimeUnit.SECONDS)).isTrue();
        RouterContract.await(one.sync()); // everything queued before it has run in Redis by now
        for (RoomName room : lateRooms) {
            assertThat(membersSeenByANewcomer(one, room)).as("members of %s", room).isEmpty();
        }
        assertThat(membersSeenByANewcomer(one, leftRoom)).isEmpty();
    }

    private static CompletableFuture<JoinOutcome> join(RedisRouter router, RoomName room, PeerId peer) {
        router.attach(peer, new RouterContract.RecordingOutbox(() -> { }));
        return router.join(room, new PeerInfo(peer, null), 10, null).toCompletableFuture();
    }

    /** Joins a new peer to {@code room} and returns who its {@code joined} event says was there. */
    private static List<PeerInfo> membersSeenByANewcomer(RedisRouter router, RoomName room) throws Exception {
        PeerId newcomer = RouterContract.peer();
        RouterContract.RecordingOutbox box = new RouterContract.RecordingOutbox(() -> { });
        router.attach(newcomer, box);
        assertThat(RouterContract.await(router.join(room, new PeerInfo(newcomer, null), 10, null)))
                .isEqualTo(JoinOutcome.JOINED);
        return box.events.stream().filter(Event.Joined.class::isInstance).map(Event.Joined.class::cast)
                .findFirst().orElseThrow().peers();
    }

    private static void assertUnavailable(CompletableFuture<JoinOutcome> join, String message) {
        assertThat(join).isCompletedExceptionally();
        assertThat(join.handle((outcome, failure) -> failure instanceof CompletionException ? failure.getCause()
                : failure).join())
                .isInstanceOf(SignalingException.class).hasMessageContaining(message)
                .extracting(e -> ((SignalingException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }
}
