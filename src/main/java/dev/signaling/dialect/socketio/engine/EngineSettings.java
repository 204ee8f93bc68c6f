package dev.signaling.dialect.socketio.engine;

import dev.signaling.core.OutboxBudget;

/**
 * The knobs of an Engine.IO server: heartbeat timing (milliseconds), the largest polling body a client may send,
 * the budget of packets queued for one session (past it further messages are dropped, as in every outbox), and
 * the budget that all outboxes of the process share.
 */
public record EngineSettings(long pingIntervalMs, long pingTimeoutMs, int maxPayload, int maxQueuedMessages,
        long maxQueuedChars, OutboxBudget shared) {
}
