package dev.signaling.dialect.socketio.engine;

/**
 * The knobs of an Engine.IO server: heartbeat timing (milliseconds), the largest polling body a client may send,
 * and the budget of packets queued for one session (past it further messages are dropped, as in every outbox).
 */
public record EngineSettings(long pingIntervalMs, long pingTimeoutMs, int maxPayload, int maxQueuedMessages,
        long maxQueuedChars) {
}
