package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RoomName;

/**
 * What Redis sent on the lane and on the bus is handed on in the order Redis ran the operations, whichever connection
 * was read first: a reply's answer waits for the acknowledgements of operations before it, and an acknowledgement
 * whose reply has not come holds up the bus (the events behind it too) until it does. An operation that no longer
 * waits holds up nothing, and what Redis acknowledged is handed on even when its reply is lost with the connection.
 */
class AnswerOrderTest {
    private static final RoomName ROOM = new RoomName("r");

    private final Set<Long> waiting = new HashSet<>(Set.of(1L, 2L, 3L, 4L));
    private final List<String> handedOn = new ArrayList<>();
    private final AnswerOrder order = new AnswerOrder(waiting::contains, new AnswerOrder.Handler() {
        @Override
        public void answer(long op, String result) {
            waiting.remove(op);
            handedOn.add(op + ":" + result);
        }

        @Override
        public void deliver(EventWire.Delivery delivery) {
            handedOn.add("event for " + delivery.to().get(0).value());
        }
    }, 30);

    @Test
    void aReplyWithItsAnswerIsHandedOnAtOnceWhenNothingWaitsBeforeIt() {
        order.replied(1, "DELIVERED:1");
        assertThat(handedOn).containsExactly("1:DELIVERED:1");
    }

    @Test
    void aReplyThatOvertookAnEarlierOperationsAcknowledgementWaitsForIt() {
        order.replied(1, null); // its answer comes on the bus
        order.replied(2, "DELIVERED:1");
        assertThat(handedOn).isEmpty();
        order.heard(event("x"), 10);
        order.heard(ack(1, "LEFT"), 10);
        assertThat(handedOn).containsExactly("event for x", "1:LEFT", "2:DELIVERED:1");
    }

    @Test
    void anAcknowledgementThatOvertookItsReplyHoldsUpTheBusUntilTheReplyComes() {
        order.heard(ack(2, "LEFT"), 10);
        order.heard(event("x"), 10); // say, the joined of the same peer's next join: it must not overtake the leave
        assertThat(handedOn).isEmpty();
        order.replied(1, "DELIVERED:1");
        assertThat(handedOn).containsExactly("1:DELIVERED:1");
        order.replied(2, null);
        assertThat(handedOn).containsExactly("1:DELIVERED:1", "2:LEFT", "event for x");
        order.heard(event("y"), 10); // no longer held up
        assertThat(handedOn).last().isEqualTo("event for y");
    }

    @Test
    void anOperationThatNoLongerWaitsHoldsUpNothing() {
        order.replied(1, null);
        order.replied(2, "DELIVERED:1");
        waiting.remove(1L); // timed out, nobody to tell
        order.replied(3, "DELIVERED:2");
        assertThat(handedOn).containsExactly("2:DELIVERED:1", "3:DELIVERED:2");
        order.heard(ack(1, "DELIVERED:1"), 10); // too late: ignored
        order.heard(ack(4, "JOINED"), 10);
        order.heard(event("x"), 10);
        waiting.remove(4L); // held up the bus, then timed out: its reply still lets the bus go on
        order.replied(4, null);
        assertThat(handedOn).containsExactly("2:DELIVERED:1", "3:DELIVERED:2", "event for x");
    }

    @Test
    void aReplyLostWithTheConnectionCountsWhenRedisAcknowledgedTheOperation() {
        order.heard(ack(1, "JOINED"), 10);
        order.heard(event("x"), 10);
        assertThat(order.replyLost(1)).isTrue();
        assertThat(handedOn).containsExactly("1:JOINED", "event for x");
        assertThat(order.replyLost(2)).isFalse(); // nothing came: the caller fails it
    }

    @Test
    void whenTheConnectionsAreGoneEverythingThatCameIsHandedOnInOrder() {
        order.replied(1, null);
        order.replied(2, "DELIVERED:1");
        order.heard(ack(4, "JOINED"), 10); // 3's reply and ack, and 4's reply, never come
        order.heard(event("x"), 10);
        order.flush();
        assertThat(handedOn).containsExactly("2:DELIVERED:1", "4:JOINED", "event for x");
        order.heard(event("y"), 10); // after the flush, at once
        assertThat(handedOn).last().isEqualTo("event for y");
    }

    @Test
    void moreMessagesHeldUpThanTheBoundSayTheLaneIsStuck() {
        for (int i = 0; i < 10; i++) {
            assertThat(order.heard(event("passing" + i), 10)).isTrue(); // handed on at once: nothing is held
        }
        handedOn.clear();
        assertThat(order.heard(ack(2, "LEFT"), 10)).isTrue(); // its reply, and 1's answer, have not come
        assertThat(order.heard(event("x"), 10)).isTrue();
        assertThat(order.heard(event("y"), 10)).isTrue(); // 30 bytes held: the most allowed
        assertThat(order.heard(event("z"), 1)).isFalse(); // 31: the owner drops the connections
        assertThat(handedOn).isEmpty();
        order.flush();
        assertThat(handedOn).containsExactly("2:LEFT", "event for x", "event for y", "event for z");
        assertThat(order.heard(ack(1, "LEFT"), 10)).isTrue(); // nothing held any more
        assertThat(order.heard(event("w"), 20)).isTrue();
        assertThat(order.heard(event("v"), 1)).isFalse();
    }

    private static EventWire.Ack ack(long op, String result) {
        return new EventWire.Ack(op, result, 0);
    }

    private static EventWire.Delivery event(String peer) {
        return new EventWire.Delivery(List.of(new PeerId(peer)),
                new Event.PeerLeft(ROOM, new PeerInfo(new PeerId("someone"), null)), EventWire.Kind.EVENT);
    }
}
