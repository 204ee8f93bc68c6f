package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.assertUnavailable;
import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

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
import dev.signaling.router.Router.JoinOutcome;
import dev.signaling.support.RedisServer;
import dev.signaling.support.TcpProxy;

/**
 * A Redis that stops answering without closing anything (hung, or behind a network that drops packets), and the
 * commands a connection the instance gave up on still delivers afterwards. An instance that gets no answer for an
 * instance TTL drops its connections and reports not ready, then reconnects, and tries again when its resync gets no
 * answer in time; what its old connections deliver to Redis later is refused (its epoch is old), so nothing happens
 * that a client was told failed. An instance whose lane stalls while its bus goes on drops its connections once the
 * bus has brought more than a bound behind the reply it waits for, rather than holding all of it. An instance behind
 * a network that drops every packet, so that its connection attempts hang, is back within seconds once it heals, and
 * so is one whose attempts Redis accepted and never answered. An instance whose subscription is slow to reach Redis
 * sends nothing until Redis confirmed it.
 * Each test but one fails on the build before it: it stayed ready on a hung connection, ran what an old
 * connection delivered late, let an instance whose heartbeat expired go on until its next beat, stayed unready for
 * good after a resync timed out, held the bus behind a stalled lane until its watchdog gave up, resynced before it
 * listened, and stayed unready for as long as the attempts that were never answered stayed open (the client's pool
 * was full of them). The network that drops everything pins down that attempts hanging in their connect hold nothing up
 * (the Vert.x client's connect timeout is 60 s).
 */
class RedisUnresponsiveTest {
    private static final RedisSettings PATIENT = RedisRouters.patient(Duration.ofSeconds(3));

    private RedisRouters routers;
    private RedisServer server;
    private TcpProxy proxy;
    private RedisRouter one;
    private RedisRouter two;
    private final RoomName room = new RoomName("room-" + UUID.randomUUID());
    /** In the room, on instance two (always straight to Redis). */
    private final PeerInfo a = new PeerInfo(new PeerId("a-" + UUID.randomUUID()), "A");
    private final RecordingOutbox aBox = new RecordingOutbox(() -> { });
    /** In the room, on instance one. */
    private final PeerInfo y = new PeerInfo(new PeerId("y-" + UUID.randomUUID()), "Y");
    private final RecordingOutbox yBox = new RecordingOutbox(() -> { });
    /** Not in the room, on instance one: its join is the one that must not happen. */
    private final PeerInfo x = new PeerInfo(new PeerId("x-" + UUID.randomUUID()), "X");
    private final RecordingOutbox xBox = new RecordingOutbox(() -> { });

    @BeforeEach
    void startRedis() {
        routers = new RedisRouters();
        server = routers.server();
        proxy = TcpProxy.to(server.port());
    }

    @AfterEach
    void stopRedis() {
        proxy.close();
        routers.close();
    }

    @Test
    void aRedisThatStopsAnsweringMakesEveryInstanceUnreadyWithinTheTtlAndTheyComeBackWithTheirPeers() throws Exception {
        start(routers.ready(RedisRouters.FAST), routers.ready(RedisRouters.FAST));

        server.pause(); // a hung Redis: the connections stay open, nothing is answered
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> !one.isReady() && !two.isReady());
        } finally {
            server.resume();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> one.isReady() && two.isReady());
        assertBackWithItsPeers();
    }

    @Test
    void whatAConnectionGivenUpOnDeliversLaterChangesNothing() throws Exception {
        start(routers.readyAt(proxyUrl(), PATIENT), routers.ready(PATIENT));

        proxy.holdOpenConnections(); // instance one's commands no longer reach Redis
        CompletionStage<JoinOutcome> join = one.join(room, x, 10, "held");
        CompletionStage<?> relay = one.relay(room, y.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE,
                new Payload("\"held\""));
        proxy.cutHeldClients(); // the instance sees its connections close, and reconnects
        assertUnavailable(join);
        assertUnavailable(relay);
        await().atMost(Duration.ofSeconds(10)).until(one::isReady);

        proxy.deliverHeld(); // the old connections' commands reach Redis after all, after the resync
        settle();
        assertThat(aBox.drain()).isEmpty(); // neither x's join nor y's message
        assertThat(xBox.drain()).isEmpty();
        assertThat(membersSeenByANewcomer()).containsExactlyInAnyOrder(a, y);
    }

    @Test
    void anInstanceCutOffByASilentNetworkReconnectsAndWhatItSentMeanwhileChangesNothing() throws Exception {
        start(routers.readyAt(proxyUrl(), RedisRouters.FAST), routers.ready(RedisRouters.FAST));

        proxy.holdOpenConnections(); // no reset, no answer: only the silence tells
        CompletionStage<JoinOutcome> join = one.join(room, x, 10, "held");
        CompletionStage<?> relay = one.relay(room, y.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE,
                new Payload("\"held\""));
        await().atMost(Duration.ofSeconds(5)).until(() -> !one.isReady());
        assertUnavailable(join);
        assertUnavailable(relay);
        await().atMost(Duration.ofSeconds(15)).until(one::isReady); // on new connections, which the proxy passes

        proxy.deliverHeld();
        settle();
        // Instance two may have reaped y meanwhile and seen it come back; x and the held message never came.
        assertThat(aBox.drain()).noneMatch(e -> e instanceof Event.Relayed
                || e instanceof Event.PeerJoined joined && joined.peer().equals(x));
        assertThat(xBox.drain()).isEmpty();
        assertThat(membersSeenByANewcomer()).containsExactlyInAnyOrder(a, y);
    }

    @Test
    void anInstanceWhoseChannelFallsSilentWhileRedisStillAnswersReconnects() throws Exception {
        start(routers.readyAt(proxyUrl(), RedisRouters.FAST), routers.ready(RedisRouters.FAST));

        proxy.muteSubscriptions(); // the network loses that one flow: Redis answers the lane, the bus brings nothing
        CompletionStage<JoinOutcome> join = one.join(room, x, 10, "unheard");
        await().atMost(Duration.ofSeconds(5)).until(() -> !one.isReady());
        assertUnavailable(join);
        await().atMost(Duration.ofSeconds(15)).until(one::isReady);

        settle();
        // x's join ran, but its joined was never heard: the resync undid it, and told a (who had heard of it).
        assertThat(xBox.drain()).isEmpty();
        assertBackWithItsPeers();
    }

    @Test
    void anInstanceWhoseHeartbeatExpiredHasItsOperationsRefusedAndStartsOverAtOnce() throws Exception {
        start(routers.ready(PATIENT), routers.ready(PATIENT)); // its next heartbeat is seconds away
        assertThat(server.run("DEL sig:alive:" + one.instanceId())).isEqualTo(":1"); // as if it had expired
        done(two.reap());
        settle();
        assertThat(aBox.drain()).containsExactly(new Event.PeerLeft(room, y));

        assertUnavailable(one.join(room, x, 10, "refused"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !aBox.events.isEmpty());
        assertThat(aBox.drain()).containsExactly(new Event.PeerJoined(room, y)); // restored by the resync
        assertThat(xBox.drain()).isEmpty();
        assertThat(membersSeenByANewcomer()).containsExactlyInAnyOrder(a, y);
    }

    @Test
    void aResyncThatGetsNoAnswerInTimeIsTriedAgainOnNewConnections() throws Exception {
        RedisSettings shortTimeout = RedisRouters.patient(Duration.ofSeconds(1));
        start(routers.ready(shortTimeout), routers.ready(shortTimeout));

        // Redis holds back scripts (not the handshake) for 4 s, and both instances lose their connections: they
        // reconnect at once, and their resyncs time out, again and again until Redis goes on.
        assertThat(server.run("CLIENT PAUSE 4000 WRITE")).isEqualTo("+OK");
        assertThat(server.run("CLIENT KILL TYPE pubsub")).isEqualTo(":2");
        await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5))
                .until(() -> !one.isReady() && !two.isReady()); // both, for the whole pause

        await().atMost(Duration.ofSeconds(15)).until(() -> one.isReady() && two.isReady());
        assertBackWithItsPeers();
    }

    @Test
    void aLaneThatStopsAnsweringWhileTheBusGoesOnIsDroppedOnceTooMuchWaitsBehindItsReply() throws Exception {
        // Heartbeats far apart, so that only the bound on what the bus may bring behind an owed reply (4 KB here) can
        // end the wait before the join's operation timeout (5 s): the join is answered joined, not unavailable.
        // (Once, in a CI run, the resync after the drop got no answer until its own timeout; with 20 s here the
        // instance was not ready again within the 15 s this test waits. With 5 s it is tried again in time.)
        RedisSettings bounded = new RedisSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5), RedisRouters.FAST.maxQueuedOperations(), 4096, RedisSettings.DEFAULT_KEY_PREFIX);
        start(routers.readyAt(proxyUrl(), bounded), routers.ready(bounded));

        proxy.holdReplies(); // one flow stalls in one direction: the lane's replies wait, the bus goes on
        CompletionStage<JoinOutcome> join = one.join(room, x, 10, "held");
        await().atMost(Duration.ofSeconds(10)).until(() -> !aBox.events.isEmpty()); // Redis ran it
        // Its acknowledgement on instance one's channel waits for its reply, and a's messages to y wait behind it.
        List<CompletableFuture<?>> relays = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            relays.add(two.relay(room, a.peerId(), new Recipient.Peer(y.peerId()), RelayKind.MESSAGE,
                    new Payload("\"m" + i + "\"")).toCompletableFuture());
        }
        done(CompletableFuture.allOf(relays.toArray(CompletableFuture[]::new)));

        // Instance one dropped its connections: what had come was handed on, in order, the join's answer with it.
        assertThat(done(join)).isEqualTo(JoinOutcome.JOINED);
        await().atMost(Duration.ofSeconds(15)).until(one::isReady);
        List<String> got = yBox.drain().stream().filter(Event.Relayed.class::isInstance)
                .map(e -> ((Event.Relayed) e).data().json()).toList();
        // Those published after the drop, before one listened again, reached no one; the rest came once, in order.
        // Each bus message here is under 300 bytes, so more than 4 KB of them held took at least 14.
        assertThat(got.size()).isGreaterThan(4096 / 300);
        assertThat(got).isEqualTo(IntStream.range(0, got.size()).mapToObj(i -> "\"m" + i + "\"").toList());
        assertThat(membersSeenByANewcomer()).containsExactlyInAnyOrder(a, y, x);
        relayFromA("after");
        await().atMost(Duration.ofSeconds(10)).until(() -> yBox.events.stream().anyMatch(RedisUnresponsiveTest::after));
    }

    @Test
    void anInstanceBehindANetworkThatDropsEverythingReconnectsSoonAfterItHeals() throws Exception {
        start(routers.readyAt(proxyUrl(), RedisRouters.FAST), routers.ready(RedisRouters.FAST));

        proxy.holdOpenConnections(); // every packet dropped: the open connections fall silent,
        proxy.dropNewConnections(); // and new ones hang in their connect, their SYNs unanswered
        await().atMost(Duration.ofSeconds(5)).until(() -> !one.isReady());
        // Eight seconds of outage: more connection attempts hang than the client's pool has connections (4 here),
        // each given up after an instance TTL, and none gets through.
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(15)).until(() -> !one.isReady());
        proxy.acceptAgain();

        // The next attempt (2 s apart at most by now) connects: the ones that hung hold nothing up.
        await().atMost(Duration.ofSeconds(5)).until(one::isReady);
        assertBackWithItsPeers();
    }

    @Test
    void anInstanceSendsNothingBeforeRedisConfirmsItsSubscription() throws Exception {
        // Operations wait up to 30 s: an acknowledgement published before the instance listened would keep it unready
        // that long, until its resync timed out and it started over.
        RedisSettings slowToGiveUp = RedisRouters.patient(Duration.ofSeconds(30));
        start(routers.readyAt(proxyUrl(), slowToGiveUp), routers.ready(slowToGiveUp));

        CompletableFuture<Void> subscribing = proxy.holdSubscriptions(); // the bus's flow is slow to reach Redis
        proxy.holdOpenConnections();
        proxy.cutHeldClients(); // instance one loses its connections and reconnects
        done(subscribing);
        long forwarded = proxy.forwardedToServer();
        // While its SUBSCRIBE is on its way, nothing goes on the lane (the client counts a SUBSCRIBE done once it is
        // written): the resync's acknowledgement, published on the instance's channel, would reach no one.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> proxy.forwardedToServer() == forwarded);
        assertThat(one.isReady()).isFalse();

        proxy.deliverSubscriptions();
        await().atMost(Duration.ofSeconds(5)).until(one::isReady);
        assertBackWithItsPeers();
    }

    @Test
    void anInstanceWhoseConnectionAttemptsAreNeverAnsweredReconnectsSoonAfterRedisAnswersAgain() throws Exception {
        start(routers.readyAt(proxyUrl(), RedisRouters.FAST), routers.ready(RedisRouters.FAST));

        proxy.holdOpenConnections(); // Redis stops answering this instance, and accepts connections it never answers
        proxy.holdNewConnections();
        await().atMost(Duration.ofSeconds(5)).until(() -> !one.isReady());
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(15)).until(() -> !one.isReady());
        // Eight seconds: more attempts than the client's pool has connections (4 here) hang meanwhile. Redis now
        // answers new connections, never those.
        proxy.passNewConnections();

        await().atMost(Duration.ofSeconds(5)).until(one::isReady);
        assertBackWithItsPeers();
    }

    /** Instance two with a in the room, instance one with y in it and x attached. */
    private void start(RedisRouter first, RedisRouter second) throws Exception {
        one = first;
        two = second;
        two.attach(a.peerId(), aBox);
        one.attach(y.peerId(), yBox);
        one.attach(x.peerId(), xBox);
        assertThat(done(two.join(room, a, 10, null))).isEqualTo(JoinOutcome.JOINED);
        assertThat(done(one.join(room, y, 10, null))).isEqualTo(JoinOutcome.JOINED);
        settle();
        aBox.drain();
        yBox.drain();
    }

    private String proxyUrl() {
        return "redis://127.0.0.1:" + proxy.port();
    }

    /** Redis and every client agree that a and y are in the room, and a message from a reaches y. */
    private void assertBackWithItsPeers() throws Exception {
        assertThat(membersSeenByANewcomer()).containsExactlyInAnyOrder(a, y);
        relayFromA("after");
        await().atMost(Duration.ofSeconds(10)).until(() -> yBox.events.stream().anyMatch(RedisUnresponsiveTest::after));
    }

    private void relayFromA(String text) throws Exception {
        done(two.relay(room, a.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("\"" + text + "\"")));
    }

    private static boolean after(Event event) {
        return event instanceof Event.Relayed relayed && relayed.data().equals(new Payload("\"after\""));
    }

    /** Everything Redis sent either instance so far has reached its peers. */
    private void settle() throws Exception {
        done(one.sync());
        done(two.sync());
    }

    private List<PeerInfo> membersSeenByANewcomer() throws Exception {
        return Newcomer.membersSeenIn(room, two, List.of(one, two), aBox, yBox, xBox);
    }
}
