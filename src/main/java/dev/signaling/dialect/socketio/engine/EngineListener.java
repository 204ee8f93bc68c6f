package dev.signaling.dialect.socketio.engine;

/**
 * What an application on top of Engine.IO (the Socket.IO layer, or the reference suite's echo) sees of one session.
 * Callbacks come from the thread of whichever request or socket carried the packet (polling requests of one
 * session may arrive on different event loops), so implementations guard their own state. Packets of one request
 * or socket are delivered in order.
 */
public interface EngineListener {

    /** The session id to give the client (unguessable); asked once, before {@link #onOpen}. */
    String sid();

    /** The session is registered; what is sent here goes out with the handshake answer. */
    void onOpen(EngineSession session);

    /**
     * A message packet ({@code 4...}) arrived: its data is {@code packet} from index 1 on. The packet is passed whole,
     * not its data cut out of it: that would copy every relayed message once more.
     */
    void onMessage(String packet);

    /** A binary message arrived (WebSocket binary frame or base64 polling packet). */
    void onBinary(byte[] data);

    /** The session ended (client close, transport error, heartbeat timeout, server close). Called once. */
    void onClose(String reason);
}
