package dev.signaling.core;

/**
 * Where events for one peer go. Implementations never block the caller: a full outbox refuses the event (and
 * counts the drop), so one slow browser can never stall the sender or the rest of a room.
 */
public interface Outbox {

    /** Queues {@code event} for the peer; false if the outbox is full or closed and the event was dropped. */
    boolean offer(Event event);

    /**
     * Registers what to do, once, if this outbox gives up on its peer (it stopped reading and its budget ran out),
     * so the core can take the peer out of its rooms at once instead of when its socket finally closes.
     */
    default void whenGivenUp(Runnable action) {
    }
}
