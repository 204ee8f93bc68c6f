package dev.signaling.dialect.socketio;

import java.util.List;

/**
 * One Socket.IO packet: {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON data>]}. For an EVENT,
 * {@code name} is the event name and {@code args} the JSON text of each argument, cut from the frame as the client
 * wrote it; for an ACK, {@code args} are its values. {@code data} is a CONNECT's JSON object text (null when it has
 * none, and for every other packet: their JSON is in {@code name} and {@code args}).
 */
public record SocketIoPacket(int type, String namespace, Long ackId, String data, String name, List<String> args) {
    public static final int CONNECT = 0;
    public static final int DISCONNECT = 1;
    public static final int EVENT = 2;
    public static final int ACK = 3;
    /** CONNECT_ERROR in protocol 5, ERROR in protocol 4. */
    public static final int CONNECT_ERROR = 4;
    public static final int BINARY_EVENT = 5;
    public static final int BINARY_ACK = 6;

    public static final String MAIN_NAMESPACE = "/";

    public boolean isBinary() {
        return type == BINARY_EVENT || type == BINARY_ACK;
    }
}
