package dev.signaling.dialect.socketio;

import java.util.List;

import dev.signaling.dialect.json.JsonArrayText;
import dev.signaling.dialect.json.JsonObjectText;
import dev.signaling.dialect.json.JsonTextException;
import dev.signaling.dialect.json.JsonValueText;
import dev.signaling.dialect.socketio.engine.EngineIoCodec;

/**
 * The Socket.IO packet format (protocols 4 and 5) as text: decoding with the reference parser's checks, and
 * encoding of the packets this server sends. Pure functions; JSON arguments are cut out of the frame and written
 * back verbatim (our own JSON scanner, {@link JsonArrayText}: no tree, no parser object per frame).
 */
public final class SocketIoCodec {
    private static final int MAX_ACK_ID_DIGITS = 15;

    private SocketIoCodec() {
    }

    /** Thrown for a packet the reference parser would refuse; the connection is then closed. */
    public static final class MalformedPacketException extends RuntimeException {
        public MalformedPacketException(String message) {
            super(message, null, false, false);
        }
    }

    // ---- decoding ----

    public static SocketIoPacket decode(String text) {
        return decode(text, 0);
    }

    /**
     * Decodes the packet that is {@code frame} from index {@code start} on: an Engine.IO message is read where it
     * is, behind its type character, rather than cut out of its frame first (a copy of every relayed message).
     */
    public static SocketIoPacket decode(String frame, int start) {
        int length = frame.length();
        if (start >= length) {
            throw new MalformedPacketException("empty packet");
        }
        int type = frame.charAt(start) - '0';
        if (type < SocketIoPacket.CONNECT || type > SocketIoPacket.BINARY_ACK) {
            throw new MalformedPacketException("unknown packet type");
        }
        int i = start + 1;
        if (type == SocketIoPacket.BINARY_EVENT || type == SocketIoPacket.BINARY_ACK) {
            int dash = frame.indexOf('-', i);
            if (dash <= i || !digits(frame, i, dash)) {
                throw new MalformedPacketException("illegal attachments");
            }
            i = dash + 1;
        }
        String namespace = SocketIoPacket.MAIN_NAMESPACE;
        if (i < length && frame.charAt(i) == '/') {
            int comma = frame.indexOf(',', i);
            int end = comma < 0 ? length : comma;
            namespace = frame.substring(i, end);
            i = comma < 0 ? length : comma + 1;
        }
        Long ackId = null;
        int idStart = i;
        while (i < length && Character.isDigit(frame.charAt(i)) && frame.charAt(i) < 128) {
            i++;
        }
        if (i > idStart) {
            if (i - idStart > MAX_ACK_ID_DIGITS) {
                throw new MalformedPacketException("ack id too long");
            }
            ackId = Long.parseLong(frame.substring(idStart, i));
        }
        return validated(type, namespace, ackId, frame, i < length ? i : -1);
    }

    /** The packet, its JSON data being {@code frame} from {@code dataStart} on (-1: there is none). */
    private static SocketIoPacket validated(int type, String namespace, Long ackId, String frame, int dataStart) {
        switch (type) {
            case SocketIoPacket.CONNECT -> {
                String data = dataStart < 0 ? null : frame.substring(dataStart);
                if (data != null && value(data).kind() != JsonValueText.Kind.OBJECT) {
                    throw new MalformedPacketException("CONNECT data must be an object");
                }
                return new SocketIoPacket(type, namespace, null, data, null, List.of());
            }
            case SocketIoPacket.DISCONNECT -> {
                if (dataStart >= 0) {
                    throw new MalformedPacketException("DISCONNECT carries no data");
                }
                return new SocketIoPacket(type, namespace, null, null, null, List.of());
            }
            case SocketIoPacket.EVENT, SocketIoPacket.BINARY_EVENT -> {
                List<JsonValueText> elements = elements(frame, dataStart);
                if (elements.isEmpty() || !elements.get(0).isString()) {
                    throw new MalformedPacketException("EVENT data must be an array starting with the event name");
                }
                return new SocketIoPacket(type, namespace, ackId, null, elements.get(0).text(), raw(elements, 1));
            }
            case SocketIoPacket.ACK, SocketIoPacket.BINARY_ACK -> {
                if (ackId == null) {
                    throw new MalformedPacketException("ACK without id");
                }
                return new SocketIoPacket(type, namespace, ackId, null, null, raw(elements(frame, dataStart), 0));
            }
            default -> throw new MalformedPacketException("clients do not send CONNECT_ERROR");
        }
    }

    /** The elements of the packet's JSON array, which is {@code frame} from {@code dataStart} on. */
    private static List<JsonValueText> elements(String frame, int dataStart) {
        if (dataStart < 0) {
            throw new MalformedPacketException("missing data");
        }
        try {
            return JsonArrayText.read(frame, dataStart).elements();
        } catch (JsonTextException e) {
            throw malformed(e);
        }
    }

    private static JsonValueText value(String data) {
        try {
            return JsonValueText.read(data);
        } catch (JsonTextException e) {
            throw malformed(e);
        }
    }

    private static MalformedPacketException malformed(JsonTextException e) {
        return new MalformedPacketException(switch (e.reason()) {
            case NOT_AN_ARRAY -> "data must be an array";
            case TRAILING -> "trailing data";
            default -> "invalid JSON";
        });
    }

    /** The JSON text of each element from {@code from} on, as the client wrote it. */
    private static List<String> raw(List<JsonValueText> elements, int from) {
        int size = elements.size() - from;
        if (size <= 0) {
            return List.of();
        }
        String[] raw = new String[size];
        for (int i = 0; i < size; i++) {
            raw[i] = elements.get(from + i).rawValue();
        }
        return List.of(raw);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- encoding ----

    /** CONNECT answer; protocol 5 carries {@code {"sid":...}}, protocol 4 nothing. */
    public static String connect(int protocol, String namespace, String socketId) {
        StringBuilder out = new StringBuilder(48).append(SocketIoPacket.CONNECT);
        if (protocol >= 5) {
            appendNamespace(out, namespace);
            out.append("{\"sid\":").append(quote(socketId)).append('}');
        } else {
            appendNamespace(out, namespace);
        }
        return out.toString();
    }

    /** Refuses a namespace: {@code 44/nsp,{"message":...}} (protocol 5) or {@code 4/nsp,"..."} (protocol 4). */
    public static String connectError(int protocol, String namespace, String message) {
        StringBuilder out = new StringBuilder(48).append(SocketIoPacket.CONNECT_ERROR);
        appendNamespace(out, namespace);
        if (protocol >= 5) {
            out.append("{\"message\":").append(quote(message)).append('}');
        } else {
            out.append(quote(message));
        }
        return out.toString();
    }

    /** An EVENT with already-encoded JSON arguments. */
    public static String event(String namespace, String name, List<String> args) {
        return event(false, namespace, name, args);
    }

    /**
     * The same EVENT as the Engine.IO message packet that carries it ({@code 4} first), for
     * {@code EngineSession.sendMessagePacket}: built once, rather than as a packet the engine copies behind its type.
     */
    public static String eventMessage(String namespace, String name, List<String> args) {
        return event(true, namespace, name, args);
    }

    private static String event(boolean asEngineMessage, String namespace, String name, List<String> args) {
        // Sized for the whole packet: a relayed SDP would otherwise regrow a small builder three or four times.
        int size = namespace.length() + name.length() + 9;
        for (String arg : args) {
            size += arg.length() + 1;
        }
        StringBuilder out = new StringBuilder(size);
        if (asEngineMessage) {
            out.append(EngineIoCodec.MESSAGE);
        }
        out.append(SocketIoPacket.EVENT);
        appendNamespace(out, namespace);
        out.append('[');
        JsonObjectText.appendQuoted(out, name);
        for (String arg : args) {
            out.append(',').append(arg);
        }
        return out.append(']').toString();
    }

    /** An ACK answering {@code ackId} with already-encoded JSON values. */
    public static String ack(String namespace, long ackId, List<String> args) {
        StringBuilder out = new StringBuilder(32).append(SocketIoPacket.ACK);
        appendNamespace(out, namespace);
        out.append(ackId).append('[').append(String.join(",", args)).append(']');
        return out.toString();
    }

    /** A DISCONNECT of {@code namespace} sent by the server. */
    public static String disconnect(String namespace) {
        StringBuilder out = new StringBuilder(16).append(SocketIoPacket.DISCONNECT);
        appendNamespace(out, namespace);
        return out.toString();
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        return JsonObjectText.quote(text);
    }

    private static void appendNamespace(StringBuilder out, String namespace) {
        if (!SocketIoPacket.MAIN_NAMESPACE.equals(namespace)) {
            out.append(namespace).append(',');
        }
    }
}
