package dev.signaling.dialect.socketio.engine;

/**
 * What an application on top of Engine.IO (the Socket.IO layer, or the reference suite's echo) sees of one session.
 * Callbacks for one session never run concurrently with each other; they may run on different threads.
 */
public interface EngineListener {

    /** The session id to give the client (unguessable); asked once, before {@link #onOpen}. */
    String sid();

    /** The session is registered; what is sent here goes out with the handshake answer. */
    void onOpen(EngineSession session);

    /** A message packet ({@code 4...}) arrived. */
    void onMessage(String data);

    /** A binary message arrived (WebSocket binary frame or base64 polling packet). */
    void onBinary(byte[] data);

    /** The session ended (client close, transport error, heartbeat timeout, server close). Called once. */
    void onClose(String reason);
}
