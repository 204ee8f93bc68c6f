package dev.signaling.dialect.mesh;

import java.math.BigInteger;

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
import dev.signaling.dialect.json.JsonValueText;

/**
 * The wire format of {@code /compat/mesh} (docs/protocol-compat-mesh.md), the broadcast mesh of seed 003. No state,
 * no I/O.
 * <p>
 * A group is a reserved room; a member's mesh id is its handle, kept as canonical JSON text ({@code "abc"} or
 * {@code 42}) so that an id comes back with the JSON type the client gave it. Relayed messages travel as the
 * client's whole object minus any {@code userInfo}/{@code senderId}, which only the encoder writes, from the
 * sender's membership. The protocol has no request ids, so a command's {@code ref} carries the id an error is about.
 */
public final class MeshCodec {
    /** Group names live under this reserved prefix, so clients of other dialects cannot enter a group. */
    public static final String ROOM_PREFIX = RoomName.RESERVED_PREFIX + "mesh/";
    /** The group of the plain path {@code /compat/mesh}. */
    public static final String DEFAULT_GROUP = "default";

    private final int maxIdLength;

    /** @param maxIdLength the longest id, in characters of its JSON text */
    public MeshCodec(int maxIdLength) {
        this.maxIdLength = maxIdLength;
    }

    /** The core room of a group. */
    public static String room(String group) {
        return ROOM_PREFIX + group;
    }

    // ---- decoding ----

    /**
     * Decodes one client frame of a member of {@code room}; {@code self} gives the id of a client that joins without
     * one. Throws {@link SignalingException} with the error the client should get.
     */
    public Command decode(String text, String room, PeerId self) {
        JsonObjectText frame = JsonObjectText.parse(text);
        JsonObjectText.Member type = frame.last("type");
        if (type == null) {
            throw new SignalingException(ErrorCode.MISSING_FIELD, "Missing field: type");
        }
        if (!type.isString()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "Invalid field: type must be a string");
        }
        switch (type.text()) {
            case "join":
                return join(frame, room, self);
            case "offer":
                return new Command.Relay(RelayKind.OFFER, room, Recipient.EVERYONE, message(frame), null);
            case "candidate":
                return new Command.Relay(RelayKind.CANDIDATE, room, Recipient.EVERYONE, message(frame), null);
            case "answer": {
                Id receiver = id(frame.last("receiverId"), "receiverId");
                if (receiver == null) {
                    throw new SignalingException(ErrorCode.MISSING_FIELD, "Missing field: receiverId");
                }
                return new Command.Relay(RelayKind.ANSWER, room, new Recipient.Handle(receiver.json), message(frame),
                        receiver.shown);
            }
            case "leave":
                return new Command.Leave(room, null);
            default:
                throw new SignalingException(ErrorCode.UNKNOWN_TYPE, "Unknown type: " + shorten(type.text()));
        }
    }

    /** An id as the handle stores it ({@code json}) and as an error message shows it. */
    private record Id(String json, String shown) {
    }

    private Command join(JsonObjectText frame, String room, PeerId self) {
        Id id = id(frame.last("id"), "id");
        if (id == null) {
            id = new Id(JsonObjectText.quote(self.value()), self.value());
        }
        String nick = nick(frame.last("nick"), "nick");
        JsonObjectText.Member payload = frame.last("payload");
        if (nick == null && payload != null && payload.kind() == JsonValueText.Kind.OBJECT) {
            nick = nick(JsonObjectText.parse(payload.rawValue()).last("nick"), "payload.nick");
        }
        return new Command.Join(room, nick, id.json, null, id.shown);
    }

    private Id id(JsonObjectText.Member value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        Id id;
        if (value.isString()) {
            if (value.text().isEmpty()) {
                throw new SignalingException(ErrorCode.INVALID_FIELD, "Invalid field: " + field + " must not be empty");
            }
            id = new Id(JsonObjectText.quote(value.text()), value.text());
        } else if (value.kind() == JsonValueText.Kind.INTEGER) {
            String canonical = new BigInteger(value.text()).toString();
            id = new Id(canonical, canonical);
        } else {
            throw new SignalingException(ErrorCode.INVALID_FIELD,
                    "Invalid field: " + field + " must be a string or an integer");
        }
        if (id.json.length() > maxIdLength) {
            throw new SignalingException(ErrorCode.INVALID_FIELD,
                    "Invalid field: " + field + " is longer than " + maxIdLength + " characters");
        }
        return id;
    }

    private static String nick(JsonObjectText.Member value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "Invalid field: " + field + " must be a string");
        }
        return value.text();
    }

    /** The client's message as relayed: every member in order, except the sender fields only the server writes. */
    private static Payload message(JsonObjectText frame) {
        StringBuilder out = new StringBuilder(frame.length());
        out.append('{');
        for (JsonObjectText.Member member : frame.members()) {
            if (isServerStamped(member.name())) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            member.appendRawMember(out);
        }
        return new Payload(out.append('}').toString());
    }

    private static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    // ---- encoding ----

    /** Encodes one event as a text frame, or null when the protocol has nothing to say about it. */
    public String encode(Event event) {
        if (event instanceof Event.Relayed relayed) {
            return stamped(relayed.data().json(), relayed.from());
        }
        if (event instanceof Event.PeerLeft left) {
            return leave(left.peer());
        }
        if (event instanceof Event.Failure failure) {
            return error(message(failure));
        }
        // Welcome, Joined, PeerJoined, Left, Pong: the seed sends nothing for them.
        return null;
    }

    private static String message(Event.Failure failure) {
        switch (failure.code()) {
            case NAME_TAKEN:
                return "Id already in use: " + failure.ref();
            case ALREADY_JOINED:
                return "Already joined";
            case ROOM_FULL:
                return "Group is full: " + failure.message();
            case NOT_IN_ROOM:
                return "Not joined: send join first";
            case UNKNOWN_PEER:
                return "No member with id " + failure.ref();
            case INVALID_NAME:
                return "Invalid nick: " + failure.message();
            case INVALID_ROOM:
                return "Invalid group name in the path: " + failure.message();
            default:
                return failure.message();
        }
    }


    /** Fields of a relayed message that only the server writes. */
    private static boolean isServerStamped(String field) {
        return field.equals("userInfo") || field.equals("senderId");
    }

    /** The client's message with the sender's {@code userInfo} and {@code senderId} appended. */
    private static String stamped(String message, PeerInfo from) {
        String id = idOf(from);
        String nick = from.name();
        // Sized for the whole frame (the fixed text is under 60 characters), so the builder never grows.
        int nickLength = nick == null ? 0 : nick.length();
        StringBuilder out = new StringBuilder(message.length() + 2 * id.length() + nickLength + 60);
        if (message.length() >= 2 && message.charAt(0) == '{' && message.charAt(message.length() - 1) == '}') {
            out.append(message, 0, message.length() - 1);
            if (message.length() > 2) {
                out.append(',');
            }
        } else {
            // Only mesh members can reach a mesh group, and they send objects; kept valid whatever comes.
            out.append("{\"data\":").append(message).append(',');
        }
        appendUserInfo(out.append("\"userInfo\":"), id, nick);
        return out.append(",\"senderId\":").append(id).append('}').toString();
    }

    /** What the others hear when a member goes; both shapes of the seed in one frame. */
    private static String leave(PeerInfo peer) {
        String id = idOf(peer);
        String info = userInfo(id, peer.name());
        return "{\"type\":\"leave\",\"payload\":" + info + ",\"userInfo\":" + info + ",\"senderId\":" + id + "}";
    }

    private static String error(String message) {
        return "{\"type\":\"error\",\"message\":" + JsonObjectText.quote(message) + "}";
    }

    /** {@code {"id":..,"nick":..}}; no nick when the member gave none, as JSON.stringify drops an undefined one. */
    private static String userInfo(String id, String nick) {
        return appendUserInfo(new StringBuilder(id.length() + (nick == null ? 0 : nick.length()) + 20), id, nick)
                .toString();
    }

    /** {@link #userInfo} written straight into a frame being built. */
    private static StringBuilder appendUserInfo(StringBuilder out, String id, String nick) {
        out.append("{\"id\":").append(id);
        if (nick != null) {
            JsonObjectText.appendQuoted(out.append(",\"nick\":"), nick);
        }
        return out.append('}');
    }

    /** A member's id as JSON text; every mesh member has one, a peer from elsewhere is named by its peer id. */
    private static String idOf(PeerInfo peer) {
        return peer.handle() != null ? peer.handle() : JsonObjectText.quote(peer.peerId().value());
    }
}
