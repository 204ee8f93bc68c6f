package dev.signaling.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;
import dev.signaling.router.Router.Delivery;
import dev.signaling.router.Router.JoinOutcome;

/**
 * What every {@link Router} must do, whatever holds its state. Each implementation gets a subclass that says how
 * to make one; the tests are the same for all.
 */
public abstract class RouterContract {

    protected abstract Router newRouter();

    protected Router router;

    @BeforeEach
    void setUp() {
        router = newRouter();
    }

    @AfterEach
    void tearDown() {
        dispose(router);
    }

    /** Releases what {@link #newRouter()} made (connections, timers). */
    protected void dispose(Router router) {
    }

    /**
     * Waits until every event from the operations completed so far has reached its outbox. A router's operation
     * completes once its effects on the caller's own instance are visible; events for peers of other instances may
     * still be on their way, so multi-instance routers wait here.
     */
    protected void settle() {
    }

    /** An outbox that records what it is given. */
    public static final class RecordingOutbox implements Outbox {
        public final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
        private final Runnable settle;

        /** {@code settle} runs before each {@link #drain()}: it waits until what is on its way has arrived. */
        public RecordingOutbox(Runnable settle) {
            this.settle = settle;
        }

        @Override
        public boolean offer(Event event) {
            events.add(event);
            return true;
        }

        public List<Event> drain() {
            settle.run();
            List<Event> out = List.copyOf(events);
            events.clear();
            return out;
        }
    }

    protected RecordingOutbox attach(PeerId id) {
        RecordingOutbox outbox = new RecordingOutbox(this::settle);
        router.attach(id, outbox);
        return outbox;
    }

    public static PeerId peer() {
        return new PeerId(UUID.randomUUID().toString());
    }

    public static RoomName room() {
        return new RoomName("room-" + UUID.randomUUID());
    }

    public static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void joinTellsTheJoinerWhoWasThereAndTheOthersWhoCame() throws Exception {
        RoomName room = room();
        PeerId a = peer();
        PeerId b = peer();
        RecordingOutbox aBox = attach(a);
        RecordingOutbox bBox = attach(b);

        assertThat(await(router.join(room, new PeerInfo(a, "A"), 10, "1"))).isEqualTo(JoinOutcome.JOINED);
        assertThat(aBox.drain()).containsExactly(new Event.Joined(room, a, List.of(), "1"));

        assertThat(await(router.join(room, new PeerInfo(b, "B"), 10, null))).isEqualTo(JoinOutcome.JOINED);
        assertThat(bBox.drain()).containsExactly(new Event.Joined(room, b, List.of(new PeerInfo(a, "A")), null));
        assertThat(aBox.drain()).containsExactly(new Event.PeerJoined(room, new PeerInfo(b, "B")));
        assertThat(router.localRoomCount()).isEqualTo(1);
    }

    @Test
    void aFullRoomAndASecondJoinAreRefusedWithoutSideEffects() throws Exception {
        RoomName room = room();
        PeerId a = peer();
        PeerId b = peer();
        RecordingOutbox aBox = attach(a);
        RecordingOutbox bBox = attach(b);
        await(router.join(room, new PeerInfo(a, null), 1, null));
        aBox.drain();

        assertThat(await(router.join(room, new PeerInfo(b, null), 1, null))).isEqualTo(JoinOutcome.ROOM_FULL);
        assertThat(await(router.join(room, new PeerInfo(a, null), 5, null))).isEqualTo(JoinOutcome.ALREADY_JOINED);
        assertThat(aBox.drain()).isEmpty();
        assertThat(bBox.drain()).isEmpty();
    }

    @Test
    void leaveTellsTheOthersAndAnEmptyRoomDisappears() throws Exception {
        RoomName room = room();
        PeerId a = peer();
        PeerId b = peer();
        RecordingOutbox aBox = attach(a);
        attach(b);
        await(router.join(room, new PeerInfo(a, null), 10, null));
        await(router.join(room, new PeerInfo(b, null), 10, null));
        aBox.drain();

        assertThat(await(router.leave(room, b))).isTrue();
        assertThat(await(router.leave(room, b))).isFalse();
        assertThat(aBox.drain()).containsExactly(new Event.PeerLeft(room, new PeerInfo(b, null)));
        assertThat(await(router.leave(room, a))).isTrue();
        assertThat(router.localRoomCount()).isZero();
    }

    @Test
    void detachLeavesEveryRoomAndMakesThePeerUnreachable() throws Exception {
        RoomName r1 = room();
        RoomName r2 = room();
        PeerId a = peer();
        PeerId b = peer();
        RecordingOutbox aBox = attach(a);
        RecordingOutbox bBox = attach(b);
        for (RoomName r : List.of(r1, r2)) {
            await(router.join(r, new PeerInfo(a, null), 10, null));
            await(router.join(r, new PeerInfo(b, null), 10, null));
        }
        aBox.drain();
        bBox.drain();

        assertThat(await(router.detach(b))).isTrue();
        assertThat(await(router.detach(b))).isFalse();
        assertThat(aBox.drain()).containsExactlyInAnyOrder(new Event.PeerLeft(r1, new PeerInfo(b, null)),
                new Event.PeerLeft(r2, new PeerInfo(b, null)));
        assertThat(await(router.relay(r1, a, new Recipient.Peer(b), RelayKind.OFFER, new Payload("1"))))
                .isEqualTo(Delivery.UNKNOWN_PEER);
        assertThat(router.localPeerCount()).isEqualTo(1);
        assertThat(bBox.drain()).isEmpty();
    }

    @Test
    void directedSendNeedsBothPeersInTheRoom() throws Exception {
        RoomName room = room();
        RoomName elsewhere = room();
        PeerId a = peer();
        PeerId b = peer();
        PeerId c = peer();
        attach(a);
        RecordingOutbox bBox = attach(b);
        RecordingOutbox cBox = attach(c);
        await(router.join(room, new PeerInfo(a, null), 10, null));
        await(router.join(room, new PeerInfo(b, null), 10, null));
        await(router.join(elsewhere, new PeerInfo(c, null), 10, null));
        bBox.drain();
        cBox.drain();

        Payload sdp = new Payload("{}");
        assertThat(await(router.relay(room, a, new Recipient.Peer(b), RelayKind.OFFER, sdp)))
                .isEqualTo(Delivery.delivered(1));
        assertThat(bBox.drain()).containsExactly(new Event.Relayed(RelayKind.OFFER, room, new PeerInfo(a, null), sdp));
        assertThat(await(router.relay(room, a, new Recipient.Peer(c), RelayKind.OFFER, sdp)))
                .isEqualTo(Delivery.UNKNOWN_PEER);
        assertThat(await(router.relay(elsewhere, a, new Recipient.Peer(c), RelayKind.OFFER, sdp)))
                .isEqualTo(Delivery.NOT_IN_ROOM);
        assertThat(cBox.drain()).isEmpty();
    }

    @Test
    void aPayloadArrivesCharacterForCharacter() throws Exception {
        RoomName room = room();
        PeerId a = peer();
        PeerId b = peer();
        attach(a);
        RecordingOutbox bBox = attach(b);
        await(router.join(room, new PeerInfo(a, null), 10, null));
        await(router.join(room, new PeerInfo(b, null), 10, null));
        bBox.drain();

        // What a JSON string escapes or may escape (quotes, backslashes, slashes, line ends, control characters),
        // characters beyond ASCII and beyond the Basic Multilingual Plane, and an SDP's size.
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n");
        while (sdp.length() < 4000) {
            sdp.append("a=candidate:1 1 udp 2122260223 192.168.1.7 50000 typ host\r\n");
        }
        List<Payload> payloads = List.of(new Payload("{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}"),
                new Payload("\"a \\\"quote\\\", a \\\\ backslash, a / slash, a \\u0000 and a \\t\""),
                new Payload("{\"name\":\"Zoë 😀 日本\",\"raw\":\"\u007f\"}"),
                new Payload("[1, 2.5e-3, true, null, {}]"));
        for (Payload payload : payloads) {
            assertThat(await(router.relay(room, a, new Recipient.Peer(b), RelayKind.MESSAGE, payload)))
                    .isEqualTo(Delivery.delivered(1));
            assertThat(await(router.relay(room, a, Recipient.EVERYONE, RelayKind.MESSAGE, payload)))
                    .isEqualTo(Delivery.delivered(1));
        }
        List<Payload> got = bBox.drain().stream().map(e -> ((Event.Relayed) e).data()).toList();
        assertThat(got).containsExactly(payloads.stream().flatMap(p -> Stream.of(p, p))
                .toArray(Payload[]::new));
    }

    @Test
    void roomSendReachesEveryoneButTheSenderInOrder() throws Exception {
        RoomName room = room();
        PeerId a = peer();
        PeerId b = peer();
        PeerId c = peer();
        RecordingOutbox aBox = attach(a);
        RecordingOutbox bBox = attach(b);
        RecordingOutbox cBox = attach(c);
        for (PeerId p : List.of(a, b, c)) {
            await(router.join(room, new PeerInfo(p, null), 10, null));
        }
        aBox.drain();
        bBox.drain();
        cBox.drain();

        for (int i = 0; i < 100; i++) {
            assertThat(await(router.relay(room, a, Recipient.EVERYONE, RelayKind.MESSAGE,
                    new Payload(Integer.toString(i))))).isEqualTo(Delivery.delivered(2));
        }
        for (RecordingOutbox box : List.of(bBox, cBox)) {
            List<Event> got = box.drain();
            assertThat(got).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(((Event.Relayed) got.get(i)).data().json()).isEqualTo(Integer.toString(i));
            }
        }
        assertThat(aBox.drain()).isEmpty();
        assertThat(await(router.relay(room(), a, Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("1"))))
                .isEqualTo(Delivery.NOT_IN_ROOM);
    }

    @Test
    void handlesAreUniqueInARoomAndAddressTheirOwner() throws Exception {
        RoomName room = room();
        PeerId a = peer();
        PeerId b = peer();
        PeerId c = peer();
        RecordingOutbox aBox = attach(a);
        RecordingOutbox bBox = attach(b);
        RecordingOutbox cBox = attach(c);
        assertThat(await(router.join(room, new PeerInfo(a, "Al", "alice"), 10, null))).isEqualTo(JoinOutcome.JOINED);
        assertThat(await(router.join(room, new PeerInfo(b, "Bo", "bob"), 10, null))).isEqualTo(JoinOutcome.JOINED);
        assertThat(await(router.join(room, new PeerInfo(c, null, "bob"), 10, null)))
                .isEqualTo(JoinOutcome.HANDLE_TAKEN);
        aBox.drain();
        bBox.drain();

        Payload sdp = new Payload("\"sdp\"");
        assertThat(await(router.relay(room, a, new Recipient.Handle("bob"), RelayKind.OFFER, sdp)))
                .isEqualTo(Delivery.delivered(1));
        assertThat(bBox.drain()).containsExactly(
                new Event.Relayed(RelayKind.OFFER, room, new PeerInfo(a, "Al", "alice"), sdp));
        assertThat(await(router.relay(room, a, new Recipient.Handle("carol"), RelayKind.OFFER, sdp)))
                .isEqualTo(Delivery.UNKNOWN_PEER);

        // The handle is free again once its owner leaves.
        await(router.leave(room, b));
        assertThat(await(router.join(room, new PeerInfo(c, null, "bob"), 10, null))).isEqualTo(JoinOutcome.JOINED);
        assertThat(cBox.drain()).hasSize(1);
    }

    @Test
    void detachFreesHandlesAtOnceAndDirectedSendsToTheGoneHandleFail() throws Exception {
        RoomName room = room();
        PeerId a = peer();
        PeerId b = peer();
        PeerId c = peer();
        RecordingOutbox aBox = attach(a);
        attach(b);
        RecordingOutbox cBox = attach(c);
        await(router.join(room, new PeerInfo(a, "Al", "alice"), Integer.MAX_VALUE, null));
        await(router.join(room, new PeerInfo(b, "Bo", "bob"), Integer.MAX_VALUE, null));
        aBox.drain();

        assertThat(await(router.detach(b))).isTrue();
        assertThat(await(router.detach(b))).isFalse();
        assertThat(aBox.drain()).containsExactly(new Event.PeerLeft(room, new PeerInfo(b, "Bo", "bob")));
        assertThat(await(router.relay(room, a, new Recipient.Handle("bob"), RelayKind.BYE, new Payload("null"))))
                .isEqualTo(Delivery.UNKNOWN_PEER);
        assertThat(await(router.join(room, new PeerInfo(c, "Cy", "bob"), Integer.MAX_VALUE, null)))
                .isEqualTo(JoinOutcome.JOINED);
        assertThat(await(router.relay(room, a, new Recipient.Handle("bob"), RelayKind.BYE, new Payload("null"))))
                .isEqualTo(Delivery.delivered(1));
        assertThat(cBox.drain()).last().isEqualTo(
                new Event.Relayed(RelayKind.BYE, room, new PeerInfo(a, "Al", "alice"), new Payload("null")));
    }

    @Test
    void aDetachedPeerCannotJoin() throws Exception {
        PeerId a = peer();
        attach(a);
        await(router.detach(a));
        RoomName room = room();
        assertThat(await(router.join(room, new PeerInfo(a, null), 10, null))).isEqualTo(JoinOutcome.PEER_GONE);
        assertThat(router.localRoomCount()).isZero();
    }

    @Test
    void aDirectoryTellsNobodyWhoIsThereWhoCameOrWhoLeftButReachesMembersByHandle() throws Exception {
        RoomName directory = room();
        PeerId a = peer();
        PeerId b = peer();
        PeerId c = peer();
        RecordingOutbox aBox = attach(a);
        RecordingOutbox bBox = attach(b);
        attach(c);
        int unbounded = Integer.MAX_VALUE;
        assertThat(await(router.join(directory, new PeerInfo(a, "Al", "alice"), unbounded, RoomKind.DIRECTORY, "1")))
                .isEqualTo(JoinOutcome.JOINED);
        assertThat(await(router.join(directory, new PeerInfo(b, "Bo", "bob"), unbounded, RoomKind.DIRECTORY, "2")))
                .isEqualTo(JoinOutcome.JOINED);
        // The joiner hears only that it is in; the earlier member hears nothing.
        assertThat(bBox.drain()).containsExactly(new Event.Joined(directory, b, List.of(), "2"));
        assertThat(aBox.drain()).containsExactly(new Event.Joined(directory, a, List.of(), "1"));
        // Handles stay unique.
        assertThat(await(router.join(directory, new PeerInfo(c, "Cy", "bob"), unbounded, RoomKind.DIRECTORY, null)))
                .isEqualTo(JoinOutcome.HANDLE_TAKEN);

        Payload sdp = new Payload("\"sdp\"");
        assertThat(await(router.relay(directory, a, new Recipient.Handle("bob"), RelayKind.OFFER, sdp)))
                .isEqualTo(Delivery.delivered(1));
        assertThat(bBox.drain()).containsExactly(
                new Event.Relayed(RelayKind.OFFER, directory, new PeerInfo(a, "Al", "alice"), sdp));

        // Departures are silent, and free the handle.
        assertThat(await(router.leave(directory, b))).isTrue();
        assertThat(await(router.detach(a))).isTrue();
        assertThat(await(router.join(directory, new PeerInfo(c, "Cy", "bob"), unbounded, RoomKind.DIRECTORY, null)))
                .isEqualTo(JoinOutcome.JOINED);
        assertThat(aBox.drain()).isEmpty();
        assertThat(bBox.drain()).isEmpty();
    }

    @Test
    void theJoinThatCreatesARoomDecidesItsKindUntilItEmpties() throws Exception {
        RoomName room = room();
        PeerId a = peer();
        PeerId b = peer();
        RecordingOutbox aBox = attach(a);
        RecordingOutbox bBox = attach(b);
        await(router.join(room, new PeerInfo(a, null), 10, RoomKind.DIRECTORY, null));
        await(router.join(room, new PeerInfo(b, null), 10, RoomKind.ROOM, null));
        assertThat(bBox.drain()).containsExactly(new Event.Joined(room, b, List.of(), null));
        assertThat(aBox.drain()).hasSize(1); // its own Joined, no PeerJoined
        await(router.leave(room, a));
        await(router.leave(room, b));

        // Emptied, the room is gone; the next first join makes an ordinary room of it.
        await(router.join(room, new PeerInfo(a, null), 10, RoomKind.ROOM, null));
        await(router.join(room, new PeerInfo(b, null), 10, RoomKind.DIRECTORY, null));
        assertThat(bBox.drain()).containsExactly(new Event.Joined(room, b, List.of(new PeerInfo(a, null)), null));
        assertThat(aBox.drain()).containsExactly(new Event.Joined(room, a, List.of(), null),
                new Event.PeerJoined(room, new PeerInfo(b, null)));
    }
}
