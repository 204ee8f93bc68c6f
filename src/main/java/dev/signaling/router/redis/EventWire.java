package dev.signaling.router.redis;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomName;

/**
 * The JSON form of what crosses between instances on the node bus: room events and the messages that carry them.
 * Jackson streaming only (no reflection, so nothing to register for the native image). The Lua scripts in
 * {@link RoomScripts} write the same shapes; a change here needs the same change there. Reading is strict about
 * types (a string where the scripts write a string, an integer where they write one): anything else is refused
 * rather than taken for what it might have meant.
 *
 * <pre>
 * member       {"id":"p1","name":"Al","handle":"alice"}         (name and handle omitted when null)
 * joined       {"t":"joined","room":"r","peer":"p1","ref":"7","peers":[member...]}
 * peer-joined  {"t":"peer-joined","room":"r","peer":member}
 * peer-left    {"t":"peer-left","room":"r","peer":member}
 * relayed      {"t":"relayed","kind":"offer","room":"r","from":member,"data":"&lt;the payload's JSON text&gt;"}
 * bus message  {"k":"ev","to":["p1",...],"ev":event}  deliver to these local peers
 *              {"k":"ev","to":["p1"],"op":12,"ev":joined} a joiner's own joined, ahead of its operation's ack
 *              {"k":"view","to":["p1"],"ev":joined}    the room as it is now, after a resync (see RedisRouter)
 *              {"k":"audit","to":["p1"],"ev":joined}   the room as it is now, a while after a resync
 *              {"k":"gone","to":["p1"],"ev":joined}    after a resync, the peer is not in the joined's room
 *              {"k":"ack","op":12,"r":"JOINED","lost":0} an operation of this instance finished
 * </pre>
 */
public final class EventWire {
    private static final String EVENT_WITHOUT_MEMBER = "event without its member";
    private static final JsonFactory JSON = new JsonFactory();

    private EventWire() {
    }

    /** What arrived on an instance's channel. */
    public sealed interface BusMessage {
    }

    /**
     * Deliver {@code event} to each of {@code to}, as news or as a resync snapshot (see {@link Kind}); {@code op} is
     * the operation of this instance whose outcome it shows (a joiner's {@link Event.Joined}), 0 for none.
     */
    public record Delivery(List<PeerId> to, Event event, Kind kind, long op) implements BusMessage {
        public Delivery(List<PeerId> to, Event event, Kind kind) {
            this(to, event, kind, 0);
        }
    }

    public enum Kind {
        /** News from a room: deliver as it is. */
        EVENT,
        /**
         * A {@link Event.Joined} snapshot of a room right after a resync: the recipient is told of members it did
         * not know. Members missing from it may be on instances that have not resynced yet, so they wait for the
         * audit.
         */
        VIEW,
        /** A later snapshot (one instance TTL after a resync): the recipient's view is healed to match it. */
        AUDIT,
        /**
         * After a resync, the recipient is not in the {@link Event.Joined}'s room: its membership could not be
         * restored, or it was one this instance never confirmed.
         */
        GONE
    }

    /** Operation {@code op} of this instance finished with {@code result}; {@code lost} events had no listener. */
    public record Ack(long op, String result, int lost) implements BusMessage {
    }

    /** A JSON string literal. */
    public static String encodeString(String text) {
        return write(g -> g.writeString(text));
    }

    public static String encodeMember(PeerInfo peer) {
        return write(g -> member(g, peer));
    }

    /** The JSON text of a room event (the kinds that cross instances). */
    public static String encode(Event event) {
        return write(g -> event(g, event));
    }

    public static BusMessage decodeBus(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String kind = null;
            List<PeerId> to = List.of();
            Event event = null;
            long op = 0;
            String result = null;
            int lost = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "k" -> kind = string(p, value);
                    case "to" -> to = peerIds(p, value);
                    case "ev" -> event = event(p, value);
                    case "op" -> op = integer(p, value).getLongValue();
                    case "r" -> result = string(p, value);
                    case "lost" -> lost = integer(p, value).getIntValue();
                    default -> p.skipChildren();
                }
            }
            if ("ack".equals(kind)) {
                return new Ack(op, result, lost);
            }
            if (event != null && kind != null) {
                switch (kind) {
                    case "ev":
                        return new Delivery(to, event, Kind.EVENT, op);
                    case "view":
                        return new Delivery(to, event, Kind.VIEW);
                    case "audit":
                        return new Delivery(to, event, Kind.AUDIT);
                    case "gone":
                        return new Delivery(to, event, Kind.GONE);
                    default:
                        break;
                }
            }
            throw new IllegalArgumentException("not a bus message: kind " + kind);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a bus message: " + reason(e), e);
        }
    }

    /** Decodes one event (the shapes listed on the class). */
    public static Event decodeEvent(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            return event(p, p.nextToken());
        } catch (IOException e) {
            throw new IllegalArgumentException("not an event: " + reason(e), e);
        }
    }

    private static Event event(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_OBJECT);
        String type = null;
        String room = null;
        String kind = null;
        String peerId = null;
        PeerInfo member = null;
        String ref = null;
        String data = null;
        List<PeerInfo> peers = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "t" -> type = string(p, value);
                case "room" -> room = string(p, value);
                case "kind" -> kind = string(p, value);
                case "ref" -> ref = string(p, value);
                case "data" -> data = string(p, value);
                case "from" -> member = member(p, value);
                case "peer" -> {
                    if (value == JsonToken.START_OBJECT) {
                        member = member(p, value);
                    } else {
                        peerId = string(p, value);
                    }
                }
                case "peers" -> peers = members(p, value);
                default -> p.skipChildren();
            }
        }
        if (type == null || room == null) {
            throw new IOException("event without type or room");
        }
        RoomName name = new RoomName(room);
        switch (type) {
            case "joined":
                return new Event.Joined(name, new PeerId(required(peerId, "joined without peer")), peers, ref);
            case "peer-joined":
                return new Event.PeerJoined(name, required(member, EVENT_WITHOUT_MEMBER));
            case "peer-left":
                return new Event.PeerLeft(name, required(member, EVENT_WITHOUT_MEMBER));
            case "relayed":
                RelayKind relayKind = RelayKind.fromWireName(kind);
                if (relayKind == null || data == null || member == null) {
                    throw new IOException("bad relayed event");
                }
                return new Event.Relayed(relayKind, name, member, new Payload(data));
            default:
                throw new IOException("unknown event type " + type);
        }
    }

    private static PeerInfo member(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_OBJECT);
        String id = null;
        String name = null;
        String handle = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> id = string(p, value);
                case "name" -> name = string(p, value);
                case "handle" -> handle = string(p, value);
                default -> p.skipChildren();
            }
        }
        if (id == null) {
            throw new IOException("member without id");
        }
        return new PeerInfo(new PeerId(id), name, handle);
    }

    private static List<PeerInfo> members(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_ARRAY);
        List<PeerInfo> out = new ArrayList<>();
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(member(p, token));
        }
        return List.copyOf(out);
    }

    private static List<PeerId> peerIds(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_ARRAY);
        List<PeerId> out = new ArrayList<>(2);
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(new PeerId(required(string(p, token), "recipient is null")));
        }
        return out;
    }

    /**
     * Why a text was refused, without the text: it may hold a client's SDP, and the error is logged. (Jackson's own
     * messages may quote the input; its original message does not.)
     */
    private static String reason(IOException e) {
        return e instanceof JsonProcessingException jackson ? jackson.getOriginalMessage() : e.getMessage();
    }

    /** A string value, or null for null; anything else is not what the scripts write. */
    private static String string(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new IOException(p.currentName() + " is not a string but " + value);
        }
        return p.getText();
    }

    private static JsonParser integer(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException(p.currentName() + " is not an integer but " + value);
        }
        return p;
    }

    /** {@code value}, which the scripts always write; refused as {@code missing} when it is null. */
    private static <T> T required(T value, String missing) throws IOException {
        if (value == null) {
            throw new IOException(missing);
        }
        return value;
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + wanted + " but found " + actual);
        }
    }

    private static void event(JsonGenerator g, Event event) throws IOException {
        g.writeStartObject();
        if (event instanceof Event.Joined joined) {
            g.writeStringField("t", "joined");
            g.writeStringField("room", joined.room().value());
            g.writeStringField("peer", joined.peerId().value());
            g.writeStringField("ref", joined.ref());
            g.writeArrayFieldStart("peers");
            for (PeerInfo peer : joined.peers()) {
                member(g, peer);
            }
            g.writeEndArray();
        } else if (event instanceof Event.PeerJoined joined) {
            g.writeStringField("t", "peer-joined");
            g.writeStringField("room", joined.room().value());
            g.writeFieldName("peer");
            member(g, joined.peer());
        } else if (event instanceof Event.PeerLeft left) {
            g.writeStringField("t", "peer-left");
            g.writeStringField("room", left.room().value());
            g.writeFieldName("peer");
            member(g, left.peer());
        } else if (event instanceof Event.Relayed relayed) {
            g.writeStringField("t", "relayed");
            g.writeStringField("kind", relayed.kind().wireName());
            g.writeStringField("room", relayed.room().value());
            g.writeFieldName("from");
            member(g, relayed.from());
            g.writeStringField("data", relayed.data().json());
        } else {
            throw new IllegalArgumentException("does not cross instances: " + event.getClass().getSimpleName());
        }
        g.writeEndObject();
    }

    private static void member(JsonGenerator g, PeerInfo peer) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", peer.peerId().value());
        if (peer.name() != null) {
            g.writeStringField("name", peer.name());
        }
        if (peer.handle() != null) {
            g.writeStringField("handle", peer.handle());
        }
        g.writeEndObject();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Writer writer) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
