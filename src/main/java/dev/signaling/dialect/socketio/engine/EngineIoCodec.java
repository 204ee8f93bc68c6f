package dev.signaling.dialect.socketio.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The Engine.IO wire format, versions 3 and 4: single packets ({@code <type digit><data>}) and HTTP long-polling
 * payloads (several packets in one body). Pure functions; no state, no I/O.
 * <ul>
 * <li>Version 4 joins the packets of a payload with the record separator {@code \x1e}.</li>
 * <li>Version 3 prefixes each packet with its length in UTF-16 units and a colon: {@code 6:4hello2:4x}.</li>
 * </ul>
 * Binary payloads (version 3's {@code application/octet-stream} framing) are not supported; the server never sends
 * binary data and refuses binary uploads.
 */
public final class EngineIoCodec {
    /** Separator between the packets of a version 4 polling payload. */
    public static final char RECORD_SEPARATOR = '\u001e';

    public static final char OPEN = '0';
    public static final char CLOSE = '1';
    public static final char PING = '2';
    public static final char PONG = '3';
    public static final char MESSAGE = '4';
    public static final char UPGRADE = '5';
    public static final char NOOP = '6';

    private EngineIoCodec() {
    }

    /** Encodes the packets of one polling response. */
    public static String encodePayload(int protocol, List<String> packets) {
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < packets.size(); i++) {
            String packet = packets.get(i);
            if (protocol == 3) {
                out.append(packet.length()).append(':').append(packet);
            } else {
                if (i > 0) {
                    out.append(RECORD_SEPARATOR);
                }
                out.append(packet);
            }
        }
        return out.toString();
    }

    /** Splits the body of a polling POST into its packets; throws {@link IllegalArgumentException} if malformed. */
    public static List<String> decodePayload(int protocol, String body) {
        List<String> packets = new ArrayList<>(2);
        if (protocol == 3) {
            int i = 0;
            while (i < body.length()) {
                int colon = body.indexOf(':', i);
                if (colon <= i || colon - i > 10) {
                    throw new IllegalArgumentException("missing packet length");
                }
                int length = parseLength(body, i, colon);
                int start = colon + 1;
                if (length < 1 || start + length > body.length()) {
                    throw new IllegalArgumentException("packet length out of range");
                }
                packets.add(checked(body.substring(start, start + length)));
                i = start + length;
            }
        } else {
            int start = 0;
            for (int i = 0; i <= body.length(); i++) {
                if (i == body.length() || body.charAt(i) == RECORD_SEPARATOR) {
                    packets.add(checked(body.substring(start, i)));
                    start = i + 1;
                }
            }
        }
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("empty payload");
        }
        return packets;
    }

    /** Whether {@code packet} starts with a known packet type (a base64 packet {@code b...} counts). */
    public static boolean isValidPacket(String packet) {
        if (packet.isEmpty()) {
            return false;
        }
        char type = packet.charAt(0);
        return (type >= OPEN && type <= NOOP) || type == 'b';
    }

    /**
     * The open packet that answers a handshake. Version 3 has no {@code maxPayload} field; the rest is the same.
     */
    public static String openPacket(int protocol, String sid, boolean canUpgrade, long pingIntervalMs,
            long pingTimeoutMs, int maxPayload) {
        StringBuilder out = new StringBuilder(128).append(OPEN).append("{\"sid\":\"").append(sid)
                .append("\",\"upgrades\":").append(canUpgrade ? "[\"websocket\"]" : "[]")
                .append(",\"pingInterval\":").append(pingIntervalMs)
                .append(",\"pingTimeout\":").append(pingTimeoutMs);
        if (protocol >= 4) {
            out.append(",\"maxPayload\":").append(maxPayload);
        }
        return out.append('}').toString();
    }

    private static int parseLength(String body, int from, int to) {
        int length = 0;
        for (int i = from; i < to; i++) {
            char c = body.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("packet length is not a number");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    private static String checked(String packet) {
        if (!isValidPacket(packet)) {
            throw new IllegalArgumentException("unknown packet type");
        }
        return packet;
    }
}
