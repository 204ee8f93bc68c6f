package dev.signaling.router.redis;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Takes what Redis sends this instance on its two connections, and hands it on in the order Redis ran the
 * operations: the events and acknowledgements on the bus, and the replies on the lane (a relay delivered to peers of
 * other instances only has its answer there, see {@link RoomScripts}). The two connections are read independently,
 * so a reply could overtake an acknowledgement Redis sent before it, and the other way round. Without this, one
 * client's operations could complete out of the order it sent them (the login dialect takes the last offer's
 * recipient for the partner, a Socket.IO client gets its acknowledgements in order), and a leave's answer could reach
 * its client after the joined of the join that followed it.
 *
 * <p>The lane's replies come in the order Redis ran the operations, and so do the bus's messages. An answer in a
 * reply is handed on once every operation before it has been answered. An acknowledgement whose operation's reply
 * has not come yet holds up the bus (it and what follows it wait here) until that reply comes: operations before it
 * may have their answers in replies still on their way. Redis sends both at the same moment, so the wait is short;
 * if the lane breaks instead, {@link #replyLost} or {@link #flush} hand on what came.
 *
 * <p>An operation no longer waiting (failed, or timed out with nobody to tell) holds up nothing. Touched on the link's
 * context only.
 *
 * <p>What is held up is kept in memory, so there is a bound: a lane that stops answering while the bus goes on (its
 * own TCP connection stalled, say) would otherwise hold every message the bus brings until the link's watchdog gives
 * up on the lane, an instance TTL later. Past {@code maxHeldBytes}, {@link #heard} says so and the owner drops the
 * connections, which hands on what came ({@link #flush}) and fails the rest, as for any lost connection.
 */
final class AnswerOrder {
    /** Where things are handed on. */
    interface Handler {
        /** Operation {@code op} finished with {@code result}. */
        void answer(long op, String result);

        /** Events to deliver to this instance's peers. */
        void deliver(EventWire.Delivery delivery);
    }

    /**
     * Operations whose reply came and which were not handed on yet, in the order Redis ran them, each with its answer
     * (null while it comes on the bus).
     */
    private final Map<Long, String> replied = new LinkedHashMap<>();
    /** Bus messages held up behind the first of them, an acknowledgement whose reply has not come. */
    private final ArrayDeque<Held> heldBus = new ArrayDeque<>();
    /** Their sizes added up. */
    private long heldBytes;
    /** While {@link #flush} runs: nothing more will come, so nothing waits. */
    private boolean flushing;
    private final LongPredicate waiting;
    private final Handler handler;
    private final long maxHeldBytes;

    /**
     * @param waiting whether an operation still waits for its answer (one that does not is neither kept nor waited
     *        for)
     * @param maxHeldBytes how many bytes of bus messages may wait for a reply before {@link #heard} reports the lane
     *        stuck
     */
    AnswerOrder(LongPredicate waiting, Handler handler, long maxHeldBytes) {
        this.waiting = waiting;
        this.handler = handler;
        this.maxHeldBytes = maxHeldBytes;
    }

    /** A bus message waiting, and its size as it came (its characters). */
    private record Held(EventWire.BusMessage message, int bytes) {
    }

    /** The lane's reply to {@code op}: its answer, or null when the answer comes on the bus. */
    void replied(long op, String result) {
        if (waiting.test(op)) {
            replied.put(op, result);
            handOnAnswers();
        }
        handOnBus(); // the bus may be held up by this reply's operation
    }

    /**
     * The lane failed {@code op} (its connection closed, say). If its acknowledgement came on the bus already (Redis
     * ran it), it is handed on in its turn (true); otherwise the caller fails it (false).
     */
    boolean replyLost(long op) {
        Held first = heldBus.peek();
        if (first != null && first.message() instanceof EventWire.Ack ack && ack.op() == op) {
            replied(op, null);
            return true;
        }
        return false;
    }

    /**
     * A message from the bus, of {@code bytes} as it came. False when more than {@code maxHeldBytes} of messages now
     * wait for a reply: the lane is stuck, and the caller should drop the connections.
     */
    boolean heard(EventWire.BusMessage message, int bytes) {
        heldBus.add(new Held(message, bytes));
        heldBytes += bytes;
        if (heldBus.size() == 1) {
            handOnBus();
        }
        return heldBytes <= maxHeldBytes;
    }

    /**
     * The connections are gone: hands on everything that came, in order, without waiting for what will not come (an
     * operation whose answer did not come fails), and forgets the rest.
     */
    void flush() {
        flushing = true;
        try {
            handOnAnswers();
            handOnBus();
        } finally {
            flushing = false;
            replied.clear();
            heldBus.clear();
            heldBytes = 0;
        }
    }

    /** Hands on the bus's messages up to the first acknowledgement whose reply has not come. */
    private void handOnBus() {
        for (Held held = heldBus.peek(); held != null; held = heldBus.peek()) {
            if (held.message() instanceof EventWire.Ack ack && waiting.test(ack.op())) {
                if (!replied.containsKey(ack.op()) && !flushing) {
                    return; // its reply, and maybe answers before it, are still on their way
                }
                replied.put(ack.op(), ack.result());
            }
            heldBus.poll();
            heldBytes -= held.bytes();
            if (held.message() instanceof EventWire.Delivery delivery) {
                handler.deliver(delivery);
            } else {
                handOnAnswers();
            }
        }
    }

    /** Hands on the answers known, in order, up to the first one still to come on the bus. */
    private void handOnAnswers() {
        for (Iterator<Map.Entry<Long, String>> it = replied.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, String> next = it.next();
            if (next.getValue() == null && waiting.test(next.getKey()) && !flushing) {
                return;
            }
            it.remove();
            if (next.getValue() != null) {
                handler.answer(next.getKey(), next.getValue());
            }
        }
    }
}
