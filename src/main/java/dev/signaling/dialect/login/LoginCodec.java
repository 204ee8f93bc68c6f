package dev.signaling.dialect.login;

import dev.signaling.core.Command;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;
import dev.signaling.core.SignalingException;
import dev.signaling.dialect.json.JsonObjectText;

/**
 * The wire format of {@code /compat/login} (docs/protocol-compat-login.md), the "login" protocol of the seed
 * servers 002 and 004. No state, no I/O.
 * <p>
 * Every logged-in user is a member of one reserved room, a {@link RoomKind#DIRECTORY}, with its login name as both
 * display name and handle, so the core keeps names unique and addresses users by name. The protocol has no request
 * ids, so the codec uses the command's {@code ref} for what it needs to word an answer: the name a request was about.
 */
public final class LoginCodec {
    /** The room every logged-in user is in; reserved, so no other dialect's client can enter it. */
    public static final String ROOM = RoomName.RESERVED_PREFIX + "login";

    private static final int MAX_ECHOED_TYPE = 100;

    // ---- decoding ----

    /** Decodes one client frame; throws {@link SignalingException} with the error the client should get. */
    public Command decode(String text) {
        JsonObjectText frame = JsonObjectText.parse(text);
        String type = typeOf(frame.last("type"));
        switch (type) {
            case "login": {
                String name = requireName(frame);
                // One namespace for every user of the server: its size is bounded by connections, not by a room cap,
                // and a directory, since the protocol tells nobody who logs in or out.
                return new Command.Join(ROOM, name, name, Integer.MAX_VALUE, RoomKind.DIRECTORY, name);
            }
            case "offer":
                return relay(RelayKind.OFFER, frame, "offer");
            case "answer":
                return relay(RelayKind.ANSWER, frame, "answer");
            case "candidate":
                return relay(RelayKind.CANDIDATE, frame, "candidate");
            case "leave": {
                String name = requireName(frame);
                return new Command.Relay(RelayKind.BYE, ROOM, new Recipient.Handle(name), new Payload("null"), name);
            }
            default:
                throw new SignalingException(ErrorCode.UNKNOWN_TYPE, "Command not found: " + type);
        }
    }

    /** The user a command is addressed to, if it is an offer or an answer: the seed's {@code otherName}. */
    public static String callPartner(Command command) {
        if (command instanceof Command.Relay relay && relay.to() instanceof Recipient.Handle handle
                && (relay.kind() == RelayKind.OFFER || relay.kind() == RelayKind.ANSWER)) {
            return handle.handle();
        }
        return null;
    }

    /** The user a command hangs up on (a directed {@code leave}), or null. */
    public static String hungUpOn(Command command) {
        if (command instanceof Command.Relay relay && relay.kind() == RelayKind.BYE
                && relay.to() instanceof Recipient.Handle handle) {
            return handle.handle();
        }
        return null;
    }

    /** What a connection sends for the user when it closes while in a call with {@code partner}. */
    public static Command hangUp(String partner) {
        return new Command.Relay(RelayKind.BYE, ROOM, new Recipient.Handle(partner), new Payload("null"), partner);
    }

    /** The type as the seed would print it in "Command not found: ..." (JavaScript's string conversion). */
    private static String typeOf(JsonObjectText.Member type) {
        if (type == null) {
            return "undefined";
        }
        String shown = type.isString() ? type.text() : type.rawValue();
        return shown.length() > MAX_ECHOED_TYPE ? shown.substring(0, MAX_ECHOED_TYPE) + "..." : shown;
    }

    private static String requireName(JsonObjectText frame) {
        JsonObjectText.Member name = frame.last("name");
        if (name == null) {
            throw new SignalingException(ErrorCode.MISSING_FIELD, "Missing field: name");
        }
        if (!name.isString()) {
            throw new SignalingException(ErrorCode.INVALID_FIELD, "Invalid field: name must be a string");
        }
        return name.text();
    }

    private static Command relay(RelayKind kind, JsonObjectText frame, String field) {
        String name = requireName(frame);
        JsonObjectText.Member value = frame.last(field);
        if (value == null) {
            throw new SignalingException(ErrorCode.MISSING_FIELD, "Missing field: " + field);
        }
        return new Command.Relay(kind, ROOM, new Recipient.Handle(name), new Payload(value.rawValue()), name);
    }

    // ---- encoding ----

    /** Encodes one event as a text frame, or null when the protocol has nothing to say about it. */
    public String encode(Event event) {
        if (event instanceof Event.Relayed relayed) {
            return relayed(relayed);
        }
        if (event instanceof Event.Joined) {
            return "{\"type\":\"login\",\"success\":true}";
        }
        if (event instanceof Event.Failure failure) {
            return failure(failure);
        }
        // Welcome, PeerJoined, PeerLeft, Left, Pong: the seed protocol has no such messages.
        return null;
    }

    // Frames are built as text: the relayed value goes in verbatim, strings are quoted by JsonObjectText. A JSON
    // generator per frame cost more than the rest of the encoding (it showed in the allocation profile).

    private static String relayed(Event.Relayed relayed) {
        switch (relayed.kind()) {
            case OFFER: {
                String data = relayed.data().json();
                String name = senderName(relayed);
                // Sized for the whole frame, so the builder never grows (and copies the SDP once more).
                StringBuilder out = new StringBuilder(data.length() + name.length() + 40)
                        .append("{\"type\":\"offer\",\"offer\":").append(data).append(",\"name\":");
                return JsonObjectText.appendQuoted(out, name).append('}').toString();
            }
            case ANSWER:
                return relayedValue("answer", relayed);
            case CANDIDATE:
                return relayedValue("candidate", relayed);
            case BYE:
                return "{\"type\":\"leave\"}";
            default:
                return null; // no login client can send anything else
        }
    }

    /** {@code {"type":type,type:data}}; {@code type} is one of our constants, which need no escaping. */
    private static String relayedValue(String type, Event.Relayed relayed) {
        String data = relayed.data().json();
        return new StringBuilder(data.length() + 2 * type.length() + 16).append("{\"type\":\"").append(type)
                .append("\",\"").append(type).append("\":").append(data).append('}').toString();
    }

    private static String senderName(Event.Relayed relayed) {
        return relayed.from().handle() != null ? relayed.from().handle() : relayed.from().name();
    }

    private static String failure(Event.Failure failure) {
        switch (failure.code()) {
            case NAME_TAKEN:
            case ALREADY_JOINED:
                return "{\"type\":\"login\",\"success\":false}";
            case NOT_IN_ROOM:
                return error("Not logged in: send login first");
            case UNKNOWN_PEER:
                return error("User not logged in: " + failure.ref());
            default:
                return error(failure.message());
        }
    }

    private static String error(String message) {
        StringBuilder out = new StringBuilder(message.length() + 32).append("{\"type\":\"error\",\"message\":");
        return JsonObjectText.appendQuoted(out, message).append('}').toString();
    }
}
