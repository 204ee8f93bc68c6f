package dev.signaling.core;

/**
 * Where events for one peer go. Implementations never block the caller: a full outbox refuses the event (and
 * counts the drop), so one slow browser can never stall the sender or the rest of a room.
 */
public interface Outbox {

    /** Queues {@code event} for the peer; false if the outbox is full or closed and the event was dropped. */
    boolean offer(Event event);
}
