package dev.signaling.core;

/**
 * What a client asks of the core, decoded by a dialect's codec. {@code ref} is the client's request id in whatever
 * form its codec keeps it; the core only hands it back in the answer.
 */
public sealed interface Command {

    String ref();

    /**
     * Enter {@code room} under an optional display {@code name} and an optional {@code handle} (unique in the room;
     * see {@link PeerInfo}). {@code capacity} is the most members the room may have, set by dialects whose
     * protocol fixes it; null means the configured maximum. {@code kind} is the room's kind if this join creates it.
     */
    record Join(String room, String name, String handle, Integer capacity, RoomKind kind, String ref)
            implements Command {
        public Join {
            java.util.Objects.requireNonNull(kind, "kind");
        }

        /** A join of an ordinary room ({@link RoomKind#ROOM}). */
        public Join(String room, String name, String handle, Integer capacity, String ref) {
            this(room, name, handle, capacity, RoomKind.ROOM, ref);
        }

        public Join(String room, String name, String ref) {
            this(room, name, null, null, ref);
        }
    }

    /** Leave {@code room}. */
    record Leave(String room, String ref) implements Command {
    }

    /** Send {@code data} to {@code to} in {@code room}. */
    record Relay(RelayKind kind, String room, Recipient to, Payload data, String ref) implements Command {
    }

    /**
     * Take over the suspended (or still connected) peer {@code peerId}, proving it with its resume token;
     * {@code lastSeq} is the number of the last event the client got (null if it does not know).
     */
    record Resume(PeerId peerId, String resumeToken, Long lastSeq, String ref) implements Command {
    }

    /** Application-level keep-alive; answered with {@link Event.Pong}. */
    record Ping(String ref) implements Command {
    }
}
