package dev.signaling.dialect.socketio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.signaling.core.Command;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;

/**
 * The events of the two Socket.IO seeds, for one connection: client events become core {@link Command}s (plus the
 * replies the seed sends at once, like its {@code log} arrays), and core {@link Event}s become Socket.IO events.
 * It keeps what the seeds keep per socket: which of its rooms follow which seed, and for seed 000 rooms the
 * roster of users the {@code newUser}/{@code userLeave} events carry, built only from the events this connection
 * received. Not thread-safe: its connection calls it under its own lock.
 */
final class SeedEvents {
    static final int CODELAB_ROOM_CAPACITY = 2;
    static final String DEFAULT_ROOM = "general";
    private static final JsonFactory JSON = new JsonFactory();
    private static final String SERVER_SAYS = SocketIoCodec.quote("Message from server:");

    /** Which seed a room was joined through. */
    enum Flow {
        /** Seed 000: joinRoom / newUser / userLeave / offer / answer / icecandidate. */
        ROOMS,
        /** Seed 001 (the WebRTC codelab): create or join / created / joined / join / ready / full / message. */
        CODELAB
    }

    /** A Socket.IO event to send: its name and the JSON text of each argument. */
    record Emit(String name, List<String> args) {
        static Emit of(String name, String... args) {
            return new Emit(name, List.of(args));
        }
    }

    /** What a client event leads to: replies sent at once, then commands for the core. */
    record Reaction(List<Emit> replies, List<Command> commands) {
        static final Reaction NONE = new Reaction(List.of(), List.of());
    }

    private final String socketId;
    private final Supplier<List<String>> serverAddresses;
    /**
     * The rooms this socket asked to join, from the request on (not from the answer) until it leaves or the join is
     * refused. Relays go to these: the router carries out one peer's commands in the order sent, so a relay sent right
     * after a join reaches the room even when the join is answered later (with the Redis router, after a round trip),
     * as it does with the local router, which answers at once. Sized for one room, which is what almost every socket
     * joins (docs/benchmarks.md, item 41: per idle connection, this state was a tenth of the heap).
     */
    private final Map<String, JoinedRoom> rooms = new LinkedHashMap<>(2);

    /** What this socket keeps of one room. */
    private static final class JoinedRoom {
        /** The seed of the first request that joined it. */
        final Flow flow;
        /** The seed 000 display name of a join not answered yet: the core does not echo the joiner's own name. */
        String pendingName;
        /** Once the join is answered, the members as this connection was told of them: id → seed 000 username. */
        Map<String, String> roster;

        JoinedRoom(Flow flow) {
            this.flow = flow;
        }
    }

    SeedEvents(String socketId, Supplier<List<String>> serverAddresses) {
        this.socketId = socketId;
        this.serverAddresses = serverAddresses;
    }

    // ---- client → core ----

    /** A client event; null if no seed knows it (it is then ignored, as a Socket.IO server without a handler). */
    Reaction onClientEvent(String name, List<String> args) {
        String first = args.isEmpty() ? null : args.get(0);
        switch (name) {
            case "joinRoom": {
                Fields fields = fields(first);
                String room = fields.room != null ? fields.room : DEFAULT_ROOM;
                rooms.computeIfAbsent(room, r -> new JoinedRoom(Flow.ROOMS)).pendingName = fields.username;
                return commands(new Command.Join(room, fields.username, null, null, ref(Flow.ROOMS, room)));
            }
            case "leaveRoom": {
                Fields fields = fields(first);
                return commands(new Command.Leave(fields.room != null ? fields.room : DEFAULT_ROOM, null));
            }
            case "offer":
                return relay(RelayKind.OFFER, first);
            case "answer":
                return relay(RelayKind.ANSWER, first);
            case "icecandidate":
                return relay(RelayKind.CANDIDATE, first);
            case "create or join": {
                String room = string(first);
                if (room == null) {
                    return new Reaction(List.of(log(SocketIoCodec.quote("create or join needs a room name"))),
                            List.of());
                }
                rooms.computeIfAbsent(room, r -> new JoinedRoom(Flow.CODELAB));
                return new Reaction(List.of(log(SocketIoCodec.quote("Received request to create or join room " + room))),
                        List.of(new Command.Join(room, null, null, CODELAB_ROOM_CAPACITY, ref(Flow.CODELAB, room))));
            }
            case "message": {
                String message = first != null ? first : "null";
                Reaction relay = relay(RelayKind.MESSAGE, message);
                return new Reaction(List.of(log(SocketIoCodec.quote("Client said: "), message)), relay.commands());
            }
            case "ipaddr": {
                List<Emit> replies = new ArrayList<>();
                for (String address : serverAddresses.get()) {
                    replies.add(Emit.of("ipaddr", SocketIoCodec.quote(address)));
                }
                return new Reaction(replies, List.of());
            }
            case "bye": {
                String room = string(first);
                List<Command> leaves = new ArrayList<>();
                if (room != null) {
                    leaves.add(new Command.Leave(room, null));
                } else {
                    rooms.forEach((r, joined) -> {
                        if (joined.flow == Flow.CODELAB) {
                            leaves.add(new Command.Leave(r, null));
                        }
                    });
                }
                return new Reaction(List.of(), leaves);
            }
            default:
                return null;
        }
    }

    private Reaction relay(RelayKind kind, String payload) {
        List<Command> commands = new ArrayList<>(1);
        Payload data = new Payload(payload != null ? payload : "null");
        for (String room : rooms.keySet()) {
            commands.add(new Command.Relay(kind, room, Recipient.EVERYONE, data, null));
        }
        return new Reaction(List.of(), commands);
    }

    private static Reaction commands(Command command) {
        return new Reaction(List.of(), List.of(command));
    }

    private static String ref(Flow flow, String room) {
        return (flow == Flow.CODELAB ? "c:" : "r:") + room;
    }

    // ---- core → client ----

    /** What the client receives for a core event (possibly nothing). */
    List<Emit> onCoreEvent(Event event) {
        if (event instanceof Event.Joined joined) {
            return joined(joined);
        }
        if (event instanceof Event.PeerJoined peerJoined) {
            String room = peerJoined.room().value();
            JoinedRoom joined = rooms.get(room);
            if (joined == null) {
                return List.of();
            }
            if (joined.flow == Flow.CODELAB) {
                return List.of(Emit.of("join", SocketIoCodec.quote(room)), Emit.of("ready"));
            }
            if (joined.roster == null) {
                return List.of();
            }
            joined.roster.put(peerJoined.peer().peerId().value(), peerJoined.peer().name());
            return List.of(Emit.of("newUser", users(joined.roster)));
        }
        if (event instanceof Event.PeerLeft peerLeft) {
            JoinedRoom joined = rooms.get(peerLeft.room().value());
            if (joined == null || joined.roster == null) {
                return List.of();
            }
            joined.roster.remove(peerLeft.peer().peerId().value());
            return joined.flow == Flow.ROOMS ? List.of(Emit.of("userLeave", users(joined.roster))) : List.of();
        }
        if (event instanceof Event.Left left) {
            rooms.remove(left.room().value());
            return List.of();
        }
        if (event instanceof Event.Relayed relayed) {
            return List.of(Emit.of(eventName(relayed.kind()), relayed.data().json()));
        }
        if (event instanceof Event.Failure failure) {
            return failed(failure);
        }
        return List.of(); // Welcome and Pong have no Socket.IO form
    }

    private List<Emit> joined(Event.Joined joined) {
        String room = joined.room().value();
        // A join the core answered is a room this socket is in, whatever happened to the request meanwhile.
        JoinedRoom state = rooms.computeIfAbsent(room, r -> new JoinedRoom(Flow.ROOMS));
        // Sized for the members known now and this socket.
        Map<String, String> roster = new LinkedHashMap<>(capacityFor(joined.peers().size() + 1));
        for (PeerInfo peer : joined.peers()) {
            roster.put(peer.peerId().value(), peer.name());
        }
        state.roster = roster;
        String name = state.pendingName;
        state.pendingName = null;
        if (state.flow == Flow.ROOMS) {
            roster.put(socketId, name);
            return List.of(); // seed 000 tells only the others (socket.broadcast)
        }
        roster.put(socketId, null);
        String quotedRoom = SocketIoCodec.quote(room);
        String quotedId = SocketIoCodec.quote(socketId);
        int before = joined.peers().size();
        List<Emit> out = new ArrayList<>(4);
        out.add(log(SocketIoCodec.quote("Room " + room + " now has " + before + " client(s)")));
        if (before == 0) {
            out.add(log(SocketIoCodec.quote("Client ID " + socketId + " created room " + room)));
            out.add(Emit.of("created", quotedRoom, quotedId));
        } else {
            out.add(log(SocketIoCodec.quote("Client ID " + socketId + " joined room " + room)));
            out.add(Emit.of("joined", quotedRoom, quotedId));
            out.add(Emit.of("ready"));
        }
        return out;
    }

    /** The initial capacity of a hash map that holds {@code entries} without growing (its load factor is 0.75). */
    private static int capacityFor(int entries) {
        return entries + (entries + 2) / 3;
    }

    private List<Emit> failed(Event.Failure failure) {
        String ref = failure.ref();
        if (ref == null || ref.length() < 2) {
            return List.of();
        }
        String room = ref.substring(2);
        JoinedRoom state = rooms.get(room);
        if (state != null && state.roster == null) {
            rooms.remove(room); // the join failed: forget the room
        }
        if (!ref.startsWith("c:")) {
            return List.of();
        }
        if (failure.code() == ErrorCode.ROOM_FULL) {
            return List.of(log(SocketIoCodec.quote("Room " + room + " now has " + CODELAB_ROOM_CAPACITY + " client(s)")),
                    Emit.of("full", SocketIoCodec.quote(room)));
        }
        return List.of(log(SocketIoCodec.quote("Cannot join room " + room + ": " + failure.message())));
    }

    /** Seed 000's user map: {@code {"<id>":{"username":...,"id":"<id>"}}}. */
    static String users(Map<String, String> roster) {
        StringBuilder out = new StringBuilder(64).append('{');
        boolean first = true;
        for (Map.Entry<String, String> user : roster.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            String id = SocketIoCodec.quote(user.getKey());
            out.append(id).append(":{");
            if (user.getValue() != null) {
                out.append("\"username\":").append(SocketIoCodec.quote(user.getValue())).append(',');
            }
            out.append("\"id\":").append(id).append('}');
        }
        return out.append('}').toString();
    }

    static String eventName(RelayKind kind) {
        return kind == RelayKind.CANDIDATE ? "icecandidate" : kind.wireName();
    }

    /** The seed's {@code log} event: {@code ['Message from server:', ...]}. */
    static Emit log(String... jsonParts) {
        StringBuilder array = new StringBuilder(64).append('[').append(SERVER_SAYS);
        for (String part : jsonParts) {
            array.append(',').append(part);
        }
        return Emit.of("log", array.append(']').toString());
    }

    // ---- reading arguments ----

    private record Fields(String username, String room) {
    }

    /** {@code {username, room}} of seed 000's joinRoom/leaveRoom; fields of other types count as absent. */
    static Fields fields(String json) {
        String username = null;
        String room = null;
        if (json == null) {
            return new Fields(null, null);
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Fields(null, null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && field.equals("username")) {
                    username = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && field.equals("room")) {
                    room = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            return new Fields(null, null); // the Socket.IO codec already checked the JSON
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Fields(username, room);
    }

    /** The value of a JSON string argument, or null if it is not a string. */
    static String string(String json) {
        if (json == null || json.isEmpty() || json.charAt(0) != '"') {
            return null;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            return parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
