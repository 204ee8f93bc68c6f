package dev.signaling.dialect.signal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

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

/**
 * The wire format of {@code /signal} (docs/protocol-signal.md): JSON text frames to {@link Command}s and
 * {@link Event}s to JSON text frames. The only class that knows this format; no state, no I/O.
 * <p>
 * Decoding streams through the frame once without building a tree. The relayed {@code data} is cut out of the
 * frame as the client wrote it and written back verbatim, so SDPs are never re-serialized. A request's {@code id}
 * is kept the same way (its raw JSON text) and echoed as {@code ref}.
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
        Frame frame = read(text);
        String ref = frame.ref;
        try {
            String type = requireString(frame.type, "type");
            RelayKind kind = RelayKind.fromWireName(type);
            if (kind != null && kind != RelayKind.BYE) {
                return new Command.Relay(kind, clientRoom(frame.room), recipient(frame.to),
                        requireData(frame), ref);
            }
            return switch (type) {
                case "join" -> new Command.Join(clientRoom(frame.room), optionalString(frame.name, "name"),
                        ref);
                case "leave" -> new Command.Leave(clientRoom(frame.room), ref);
                case "ping" -> new Command.Ping(ref);
                case "resume" -> new Command.Resume(new PeerId(requireString(frame.peerId, "peerId")),
                        requireString(frame.resumeToken, "resumeToken"), optionalSeq(frame.lastSeq), ref);
                default -> throw new SignalingException(ErrorCode.UNKNOWN_TYPE, "unknown message type");
            };
        } catch (SignalingException e) {
            throw e.withRef(ref);
        }
    }

    /** One scalar field value as read: its token and text (null when the field is absent). */
    private record Value(JsonToken token, String text) {
    }

    private static final class Frame {
        Value type;
        Value room;
        Value name;
        Value to;
        Value peerId;
        Value resumeToken;
        Value lastSeq;
        String data;
        boolean hasData;
        String ref;
    }

    private Frame read(String text) {
        Frame frame = new Frame();
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SignalingException(ErrorCode.INVALID_JSON, "empty frame");
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                requireEnd(parser);
                throw new SignalingException(ErrorCode.INVALID_MESSAGE, "a message must be a JSON object");
            }
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "data", "id" -> {
                        int rawStart = JsonObjectText.tokenStart(parser);
                        if (field.equals("id") && value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT
                                && value != JsonToken.VALUE_NULL) {
                            throw new SignalingException(ErrorCode.INVALID_FIELD,
                                    "field 'id' must be a string or an integer");
                        }
                        parser.skipChildren();
                        storeRaw(frame, field, text.substring(rawStart, JsonObjectText.valueEnd(parser, text, rawStart)));
                    }
                    case "type" -> frame.type = scalar(parser, value);
                    case "room" -> frame.room = scalar(parser, value);
                    case "name" -> frame.name = scalar(parser, value);
                    case "to" -> frame.to = scalar(parser, value);
                    case "peerId" -> frame.peerId = scalar(parser, value);
                    case "resumeToken" -> frame.resumeToken = scalar(parser, value);
                    case "lastSeq" -> frame.lastSeq = scalar(parser, value);
                    default -> parser.skipChildren(); // unknown fields are ignored, for forward compatibility
                }
            }
            requireEnd(parser);
            return frame;
        } catch (JsonProcessingException e) {
            throw new SignalingException(ErrorCode.INVALID_JSON, "invalid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
    }

    private void storeRaw(Frame frame, String field, String raw) {
        if (field.equals("data")) {
            frame.data = raw;
            frame.hasData = true;
        } else if (!raw.equals("null")) {
            if (raw.length() > maxRequestIdLength) {
                throw new SignalingException(ErrorCode.INVALID_FIELD,
                        "field 'id' is longer than " + maxRequestIdLength + " characters");
            }
            frame.ref = raw;
        }
    }

    private static Value scalar(JsonParser parser, JsonToken token) throws IOException {
        if (token.isStructStart()) {
            parser.skipChildren();
            return new Value(token, null);
        }
        return new Value(token, token == JsonToken.VALUE_NULL ? null : parser.getText());
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new SignalingException(ErrorCode.INVALID_JSON, "trailing data after the JSON value");
        }
    }

    private static String requireString(Value value, String field) {
        if (value == null) {
            throw new SignalingException(ErrorCode.MISSING_FIELD, "field '" + field + "' is required");
        }
        if (value.token != JsonToken.VALUE_STRING) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "field '" + field + "' must be a string");
        }
        return value.text;
    }

    /** A room a client names: reserved names belong to other dialects' namespaces and cannot be entered from here. */
    private static String clientRoom(Value value) {
        String room = requireString(value, "room");
        if (RoomName.isReserved(room)) {
            throw new SignalingException(ErrorCode.INVALID_ROOM,
                    "room names starting with '" + RoomName.RESERVED_PREFIX + "' are reserved");
        }
        return room;
    }

    private static Long optionalSeq(Value value) {
        if (value == null || value.token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.token != JsonToken.VALUE_NUMBER_INT || value.text.startsWith("-") || value.text.length() > 18) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "field 'lastSeq' must be a non-negative integer");
        }
        return Long.parseLong(value.text);
    }

    private static String optionalString(Value value, String field) {
        if (value == null || value.token == JsonToken.VALUE_NULL) {
            return null;
        }
        return requireString(value, field);
    }

    private static Recipient recipient(Value value) {
        String to = optionalString(value, "to");
        if (to == null) {
            return Recipient.EVERYONE;
        }
        if (to.isEmpty()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "field 'to' must not be empty");
        }
        return new Recipient.Peer(new PeerId(to));
    }

    private static Payload requireData(Frame frame) {
        if (!frame.hasData) {
            throw new SignalingException(ErrorCode.MISSING_FIELD, "field 'data' is required (it may be null)");
        }
        return new Payload(frame.data);
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
        StringBuilder out = new StringBuilder(data.length() + 96).append("{\"type\":\"")
                .append(relayed.kind().wireName()).append("\",\"room\":"); // wire names are plain lowercase words
        JsonObjectText.appendQuoted(out, relayed.room().value()).append(",\"from\":");
        JsonObjectText.appendQuoted(out, relayed.from().peerId().value()).append(",\"data\":").append(data);
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
