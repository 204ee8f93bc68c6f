package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
import dev.signaling.support.TcpProxy;
import io.vertx.core.Vertx;

/**
 * How a relay's acknowledgement comes back. One that was delivered and reached only peers of other instances comes
 * back as the script's reply, and nothing is published on the sender's instance's channel for it (a {@code PUBLISH}
 * less per relay between instances). One that reached a peer of the sender's instance, or was not delivered, is
 * acknowledged on that channel, behind its events and behind what that instance's peers were told before: so a
 * sender told {@code UNKNOWN_PEER} has already been told that peer left.
 */
class RedisRelayAnswerTest {
    /** Heartbeats far apart: an instance halted by a test is not reaped while the test runs. */
    private static final RedisSettings PATIENT = RedisRouters.patient(Duration.ofSeconds(3));

    private RedisRouters routers;
    /** Between instance one and Redis. */
    private TcpProxy proxy;
    private Vertx vertx;
    private RedisRouter one;
    private RedisRouter two;
    private BusSpy busOfOne;
    /** What c was sent, and which relays of a were answered, in the order it happened. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    /** What instance one's observer was told reached no one. */
    private final List<String> undeliverable = new CopyOnWriteArrayList<>();
    /** On instance one: the sender. */
    private final PeerInfo a = new PeerInfo(new PeerId("a-" + UUID.randomUUID()), "A");
    private final RecordingOutbox aBox = new RecordingOutbox(() -> { });
    /** On instance two. */
    private final PeerInfo b = new PeerInfo(new PeerId("b-" + UUID.randomUUID()), "B");
    private final RecordingOutbox bBox = new RecordingOutbox(() -> { });
    /** On instance one, like the sender. */
    private final PeerInfo c = new PeerInfo(new PeerId("c-" + UUID.randomUUID()), "C");
    private final RecordingOutbox cBox = new RecordingOutbox(() -> { });
    /** a and b. */
    private final RoomName across = new RoomName("across-" + UUID.randomUUID());
    /** a, b and c. */
    private final RoomName mixed = new RoomName("mixed-" + UUID.randomUUID());

    @BeforeEach
    void peersOnTwoInstances() throws Exception {
        routers = new RedisRouters();
        vertx = Vertx.vertx();
        proxy = TcpProxy.to(routers.server().port());
        one = routers.readyAt("redis://127.0.0.1:" + proxy.port(), PATIENT,
                (reason, count) -> undeliverable.add(reason + ":" + count));
        two = routers.ready(PATIENT);
        one.attach(a.peerId(), aBox);
        two.attach(b.peerId(), bBox);
        one.attach(c.peerId(), event -> {
            if (event instanceof Event.Relayed relayed) {
                seen.add("c got " + relayed.data().json());
            }
            return cBox.offer(event);
        });
        for (PeerInfo peer : List.of(a, b)) {
            assertThat(done(instanceOf(peer).join(across, peer, 10, null))).isEqualTo(JoinOutcome.JOINED);
        }
        for (PeerInfo peer : List.of(a, b, c)) {
            assertThat(done(instanceOf(peer).join(mixed, peer, 10, null))).isEqualTo(JoinOutcome.JOINED);
        }
        done(two.sync());
        for (RecordingOutbox box : List.of(aBox, bBox, cBox)) {
            box.drain();
        }
        busOfOne = BusSpy.on(vertx, routers.server().url(), one);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        routers.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRelayThatReachesOnlyOtherInstancesIsAnsweredWithoutTheSendersChannel() throws Exception {
        Payload offer = new Payload("{\"sdp\":\"v=0\"}");
        assertThat(done(one.relay(across, a.peerId(), new Recipient.Peer(b.peerId()), RelayKind.OFFER, offer)))
                .isEqualTo(Delivery.delivered(1));
        assertThat(done(one.relay(across, a.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE, offer)))
                .isEqualTo(Delivery.delivered(1));
        // Reaches c here too: its event and then the acknowledgement come on the channel. Whatever the two relays
        // before had published there would have come first.
        assertThat(done(one.relay(mixed, a.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE, offer)))
                .isEqualTo(Delivery.delivered(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> busOfOne.size() >= 2);
        List<EventWire.BusMessage> heard = busOfOne.drain();
        assertThat(heard).hasSize(2);
        assertThat(heard.get(0)).isEqualTo(new EventWire.Delivery(List.of(c.peerId()),
                new Event.Relayed(RelayKind.MESSAGE, mixed, a, offer), EventWire.Kind.EVENT));
        assertThat(heard.get(1)).isInstanceOfSatisfying(EventWire.Ack.class,
                ack -> assertThat(ack.result()).isEqualTo("DELIVERED:2"));
        done(one.sync());
        assertThat(cBox.drain()).containsExactly(new Event.Relayed(RelayKind.MESSAGE, mixed, a, offer));
        await().atMost(Duration.ofSeconds(10)).until(() -> bBox.events.size() == 3);
        assertThat(bBox.drain()).containsExactly(new Event.Relayed(RelayKind.OFFER, across, a, offer),
                new Event.Relayed(RelayKind.MESSAGE, across, a, offer),
                new Event.Relayed(RelayKind.MESSAGE, mixed, a, offer));
    }

    @Test
    void aRelayToAPeerThatLeftFailsOnlyAfterTheSenderWasToldItLeft() throws Exception {
        assertThat(done(two.leave(across, b.peerId()))).isTrue();
        // No waiting for the peer-left: the failed relay's acknowledgement comes on the channel, after it.
        assertThat(done(one.relay(across, a.peerId(), new Recipient.Peer(b.peerId()), RelayKind.OFFER,
                new Payload("1")))).isEqualTo(Delivery.UNKNOWN_PEER);
        assertThat(aBox.drain()).containsExactly(new Event.PeerLeft(across, b));
        await().atMost(Duration.ofSeconds(10)).until(() -> busOfOne.size() >= 2);
        List<EventWire.BusMessage> heard = busOfOne.drain();
        assertThat(heard).hasSize(2);
        assertThat(heard.get(0)).isEqualTo(new EventWire.Delivery(List.of(a.peerId()),
                new Event.PeerLeft(across, b), EventWire.Kind.EVENT));
        assertThat(heard.get(1)).isInstanceOfSatisfying(EventWire.Ack.class,
                ack -> assertThat(ack.result()).isEqualTo("UNKNOWN_PEER"));
    }

    @Test
    void answersAndEventsComeInTheOrderRedisRanTheOperationsWhicheverWayEachCame() throws Exception {
        proxy.holdReplies(); // what Redis answers on instance one's lane waits in the network; its channel goes on
        CompletableFuture<Void> first = one.relay(across, a.peerId(), new Recipient.Peer(b.peerId()),
                RelayKind.OFFER, new Payload("1")).thenRun(() -> seen.add("to b answered")).toCompletableFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> bBox.events.size() == 1); // Redis ran it
        CompletableFuture<Void> second = one.relay(mixed, a.peerId(), new Recipient.Peer(c.peerId()),
                RelayKind.OFFER, new Payload("2")).thenRun(() -> seen.add("to c answered")).toCompletableFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("c got 2")); // ahead of its acknowledgement
        // Redis runs this after the second relay: its event for c comes on instance one's channel behind that
        // relay's acknowledgement.
        assertThat(done(two.relay(mixed, b.peerId(), new Recipient.Peer(c.peerId()), RelayKind.MESSAGE,
                new Payload("3")))).isEqualTo(Delivery.delivered(1));

        proxy.deliverReplies();
        done(CompletableFuture.allOf(first, second));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("c got 3"));
        // The first relay's answer came in its reply, the second's on the channel (after the reply it had to wait
        // for), and the event behind it after both.
        assertThat(seen).containsExactly("c got 2", "to b answered", "to c answered", "c got 3");
    }

    @Test
    void aBroadcastThatFindsAnInstanceNotListeningIsAcknowledgedOnTheChannelWithWhatReachedNoOne() throws Exception {
        done(two.halt()); // as a crash: b stays in the room until two is reaped, and nobody listens on its channel
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ":0".equals(routers.server().run("PUBLISH sig:bus:" + two.instanceId() + " probe")));

        assertThat(done(one.relay(across, a.peerId(), Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("1"))))
                .isEqualTo(Delivery.delivered(0));
        assertThat(undeliverable).containsExactly("no-listener:1");
        await().atMost(Duration.ofSeconds(10)).until(() -> busOfOne.size() >= 1);
        assertThat(busOfOne.drain()).singleElement().isInstanceOfSatisfying(EventWire.Ack.class, ack -> {
            assertThat(ack.result()).isEqualTo("DELIVERED:0");
            assertThat(ack.lost()).isEqualTo(1);
        });
    }

    private RedisRouter instanceOf(PeerInfo peer) {
        return peer.equals(b) ? two : one;
    }
}
