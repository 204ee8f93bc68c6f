package dev.signaling.dialect.signal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.signaling.core.Command;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomName;
import dev.signaling.core.SignalingException;
import dev.signaling.dialect.json.JsonObjectText;
import dev.signaling.dialect.json.JsonTextException;
import dev.signaling.dialect.json.JsonValueText;

/**
 * The wire format of {@code /signal} (docs/protocol-signal.md): JSON text frames to {@link Command}s and
 * {@link Event}s to JSON text frames. The only class that knows this format; no state, no I/O.
 * <p>
 * Decoding scans the frame once without building a tree ({@link JsonObjectText}). The relayed {@code data} is cut out
 * of the frame as the client wrote it and written back verbatim, so SDPs are never re-serialized. A request's
 * {@code id} is kept the same way (its raw JSON text) and echoed as {@code ref}.
 */
public final class SignalCodec {
    private static final JsonFactory JSON = new JsonFactory();

    private final int maxRequestIdLength;

    public SignalCodec(int maxRequestIdLength) {
        this.maxRequestIdLength = maxRequestIdLength;
    }

    // ---- decoding ----

    /** Decodes one client frame; throws {@link SignalingException} with the error the client should get. */
    public Command decode(String text) {
        JsonObjectText frame = read(text);
        String ref = ref(frame.last("id"));
        try {
            String type = requireString(frame.last("type"), "type");
            RelayKind kind = RelayKind.fromWireName(type);
            if (kind != null && kind != RelayKind.BYE) {
                return new Command.Relay(kind, clientRoom(frame.last("room")), recipient(frame.last("to")),
                        requireData(frame.last("data")), ref);
            }
            return switch (type) {
                case "join" -> new Command.Join(clientRoom(frame.last("room")),
                        optionalString(frame.last("name"), "name"), ref);
                case "leave" -> new Command.Leave(clientRoom(frame.last("room")), ref);
                case "ping" -> new Command.Ping(ref);
                case "resume" -> new Command.Resume(new PeerId(requireString(frame.last("peerId"), "peerId")),
                        requireString(frame.last("resumeToken"), "resumeToken"), optionalSeq(frame.last("lastSeq")),
                        ref);
                default -> throw new SignalingException(ErrorCode.UNKNOWN_TYPE, "unknown message type");
            };
        } catch (SignalingException e) {
            throw e.withRef(ref);
        }
    }

    /**
     * The frame's members (unknown ones are ignored, for forward compatibility; the last of duplicates counts, as in
     * JavaScript's {@code JSON.parse}), or the error that says why the frame is not one JSON object.
     */
    private static JsonObjectText read(String text) {
        try {
            return JsonObjectText.read(text);
        } catch (JsonTextException e) {
            throw switch (e.reason()) {
                case EMPTY -> new SignalingException(ErrorCode.INVALID_JSON, "empty frame");
                case TRAILING -> new SignalingException(ErrorCode.INVALID_JSON, "trailing data after the JSON value");
                case NOT_AN_OBJECT ->
                        new SignalingException(ErrorCode.INVALID_MESSAGE, "a message must be a JSON object");
                default -> new SignalingException(ErrorCode.INVALID_JSON, "invalid JSON");
            };
        }
    }

    /** A request's {@code id} as its raw JSON text, echoed as {@code ref}; null when absent or null. */
    private String ref(JsonValueText id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.kind() != JsonValueText.Kind.STRING && id.kind() != JsonValueText.Kind.INTEGER) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "field 'id' must be a string or an integer");
        }
        String raw = id.rawValue();
        if (raw.length() > maxRequestIdLength) {
            throw new SignalingException(ErrorCode.INVALID_FIELD,
                    "field 'id' is longer than " + maxRequestIdLength + " characters");
        }
        return raw;
    }

    private static String requireString(JsonValueText value, String field) {
        if (value == null) {
            throw new SignalingException(ErrorCode.MISSING_FIELD, "field '" + field + "' is required");
        }
        if (!value.isString()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "field '" + field + "' must be a string");
        }
        return value.text();
    }

    /** A room a client names: reserved names belong to other dialects' namespaces and cannot be entered from here. */
    private static String clientRoom(JsonValueText value) {
        String room = requireString(value, "room");
        if (RoomName.isReserved(room)) {
            throw new SignalingException(ErrorCode.INVALID_ROOM,
                    "room names starting with '" + RoomName.RESERVED_PREFIX + "' are reserved");
        }
        return room;
    }

    private static Long optionalSeq(JsonValueText value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String digits = value.text();
        if (value.kind() != JsonValueText.Kind.INTEGER || digits.startsWith("-") || digits.length() > 18) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "field 'lastSeq' must be a non-negative integer");
        }
        return Long.parseLong(digits);
    }

    private static String optionalString(JsonValueText value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        return requireString(value, field);
    }

    private static Recipient recipient(JsonValueText value) {
        String to = optionalString(value, "to");
        if (to == null) {
            return Recipient.EVERYONE;
        }
        if (to.isEmpty()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "field 'to' must not be empty");
        }
        return new Recipient.Peer(new PeerId(to));
    }

    private static Payload requireData(JsonValueText data) {
        if (data == null) {
            throw new SignalingException(ErrorCode.MISSING_FIELD, "field 'data' is required (it may be null)");
        }
        return new Payload(data.rawValue());
    }

    // ---- encoding ----

    /** Encodes one event as a text frame. */
    public String encode(Event event) {
        String relay = relayFrame(event);
        if (relay != null) {
            return relay;
        }
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            write(json, event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a StringWriter does no I/O
        }
        return out.toString();
    }

    /**
     * A relayed event, sequenced or not, built as text: the same frame the generator below writes, without a
     * generator per message (relays are nearly every frame, and the generator showed in the allocation profile).
     * Null for any other event.
     */
    private static String relayFrame(Event event) {
        long seq = -1;
        Event inner = event;
        if (event instanceof Event.Sequenced sequenced) {
            seq = sequenced.seq();
            inner = sequenced.event();
        }
        if (!(inner instanceof Event.Relayed relayed)) {
            return null;
        }
        String data = relayed.data().json();
        String room = relayed.room().value();
        String from = relayed.from().peerId().value();
        // Sized for the whole frame (the fixed text, the longest kind and sequence number: under 80 characters), so
        // the builder never grows: with a room name of more than about 16 characters it used to, copying the SDP again.
        StringBuilder out = new StringBuilder(data.length() + room.length() + from.length() + 80).append("{\"type\":\"")
                .append(relayed.kind().wireName()).append("\",\"room\":"); // wire names are plain lowercase words
        JsonObjectText.appendQuoted(out, room).append(",\"from\":");
        JsonObjectText.appendQuoted(out, from).append(",\"data\":").append(data);
        if (seq >= 0) {
            out.append(",\"seq\":").append(seq);
        }
        return out.append('}').toString();
    }

    private static void write(JsonGenerator json, Event event) throws IOException {
        if (event instanceof Event.Sequenced sequenced) {
            write(json, sequenced.event());
            json.writeNumberField("seq", sequenced.seq());
        } else if (event instanceof Event.Relayed relayed) {
            json.writeStringField("type", relayed.kind().wireName());
            json.writeStringField("room", relayed.room().value());
            json.writeStringField("from", relayed.from().peerId().value());
            json.writeFieldName("data");
            json.writeRawValue(relayed.data().json());
        } else if (event instanceof Event.Joined joined) {
            json.writeStringField("type", "joined");
            json.writeStringField("room", joined.room().value());
            json.writeStringField("peerId", joined.peerId().value());
            json.writeArrayFieldStart("peers");
            for (PeerInfo peer : joined.peers()) {
                writePeer(json, peer);
            }
            json.writeEndArray();
            writeRef(json, joined.ref());
        } else if (event instanceof Event.PeerJoined peerJoined) {
            json.writeStringField("type", "peer-joined");
            json.writeStringField("room", peerJoined.room().value());
            json.writeFieldName("peer");
            writePeer(json, peerJoined.peer());
        } else if (event instanceof Event.Left left) {
            json.writeStringField("type", "left");
            json.writeStringField("room", left.room().value());
            writeRef(json, left.ref());
        } else if (event instanceof Event.PeerLeft peerLeft) {
            json.writeStringField("type", "peer-left");
            json.writeStringField("room", peerLeft.room().value());
            json.writeStringField("peerId", peerLeft.peer().peerId().value());
        } else if (event instanceof Event.Resumed resumed) {
            json.writeStringField("type", "resumed");
            json.writeStringField("peerId", resumed.peerId().value());
            json.writeNumberField("lost", resumed.lost());
            writeRef(json, resumed.ref());
        } else if (event instanceof Event.Draining draining) {
            json.writeStringField("type", "draining");
            json.writeNumberField("reconnectInMs", draining.reconnectInMs());
        } else if (event instanceof Event.Pong pong) {
            json.writeStringField("type", "pong");
            writeRef(json, pong.ref());
        } else if (event instanceof Event.Failure failure) {
            json.writeStringField("type", "error");
            json.writeStringField("code", failure.code().code());
            json.writeStringField("message", failure.message());
            writeRef(json, failure.ref());
        } else if (event instanceof Event.Welcome welcome) {
            json.writeStringField("type", "welcome");
            json.writeStringField("peerId", welcome.peerId().value());
            writeIceServers(json, welcome.iceServers());
            if (welcome.resumeToken() != null) {
                json.writeStringField("resumeToken", welcome.resumeToken());
            }
            Event.Limits limits = welcome.limits();
            json.writeObjectFieldStart("limits");
            json.writeNumberField("maxFrameBytes", limits.maxFrameBytes());
            json.writeNumberField("maxPeersPerRoom", limits.maxPeersPerRoom());
            json.writeNumberField("maxRoomNameLength", limits.maxRoomNameLength());
            json.writeNumberField("maxNameLength", limits.maxNameLength());
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException("no wire form for " + event.getClass().getSimpleName());
        }
    }

    private static void writePeer(JsonGenerator json, PeerInfo peer) throws IOException {
        json.writeStartObject();
        json.writeStringField("peerId", peer.peerId().value());
        json.writeStringField("name", peer.name());
        json.writeEndObject();
    }

    private static void writeRef(JsonGenerator json, String ref) throws IOException {
        if (ref != null) {
            json.writeFieldName("ref");
            json.writeRawValue(ref);
        }
    }

    private static void writeIceServers(JsonGenerator json, List<Event.IceServer> servers) throws IOException {
        json.writeArrayFieldStart("iceServers");
        for (Event.IceServer server : servers) {
            json.writeStartObject();
            json.writeArrayFieldStart("urls");
            for (String url : server.urls()) {
                json.writeString(url);
            }
            json.writeEndArray();
            if (server.username() != null) {
                json.writeStringField("username", server.username());
            }
            if (server.credential() != null) {
                json.writeStringField("credential", server.credential());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
