package dev.signaling.core;

import java.util.ArrayDeque;
import java.util.function.IntFunction;

/**
 * The outbox of a resumable peer. It numbers every event ({@link Event.Sequenced}), passes it to the current
 * socket's outbox, and keeps the most recent ones (up to a message and a byte budget). Events written to a socket
 * that has silently died are lost in the network; when the client comes back and says the last number it got, the
 * ones after it are sent again. While no socket is attached the events are only kept.
 */
final class ReplayOutbox implements Outbox {
    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<Event.Sequenced> kept = new ArrayDeque<>();
    private long keptBytes;
    private long nextSeq = 1;
    private long lastSeqBeforeDetach;
    private Outbox socket;

    ReplayOutbox(Outbox socket, int maxMessages, long maxBytes) {
        this.socket = socket;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized boolean offer(Event event) {
        Event.Sequenced sequenced = new Event.Sequenced(nextSeq++, event);
        kept.addLast(sequenced);
        keptBytes += sizeOf(event);
        while (kept.size() > maxMessages || keptBytes > maxBytes) {
            keptBytes -= sizeOf(kept.removeFirst().event());
        }
        return socket == null || socket.offer(sequenced);
    }

    /** The outbox of the socket attached now, or null while suspended. */
    synchronized Outbox socket() {
        return socket;
    }

    /** The socket is gone: keep events until a new one comes. */
    synchronized void detachSocket() {
        if (socket != null) {
            socket = null;
            lastSeqBeforeDetach = nextSeq - 1;
        }
    }

    /**
     * A new socket takes over: it first gets {@code first} (built from how many events it missed beyond recovery),
     * then every kept event after {@code lastSeq} (the last one its client got; null: the last one written before
     * the old socket was found gone), and then everything new.
     */
    synchronized void attachSocket(Outbox newSocket, Long lastSeq, IntFunction<Event> first) {
        long last = Math.min(lastSeq != null ? lastSeq : lastSeqBeforeDetach, nextSeq - 1);
        long oldestKept = kept.isEmpty() ? nextSeq : kept.peekFirst().seq();
        newSocket.offer(first.apply((int) Math.max(0, oldestKept - (last + 1))));
        for (Event.Sequenced event : kept) {
            if (event.seq() > last) {
                newSocket.offer(event);
            }
        }
        socket = newSocket;
    }

    private static long sizeOf(Event event) {
        // Relays dominate memory (SDPs); every other event is a few dozen bytes.
        return event instanceof Event.Relayed relayed ? relayed.data().length() + 64L : 64L;
    }
}
