package dev.signaling.bench;

import java.net.URI;

/**
 * How one protocol under test is spoken: the handshake up to "ready to relay", the shape of a relayed message,
 * and how to recognize relayed messages and presence news among the frames a client receives.
 * Everything else (pacing, accounting) is the same for every protocol.
 */
interface Dialect {

    enum Kind { OFFER, ANSWER }

    /** {@code namePrefix} and {@code clientByIndex} let a dialect recognize fleet clients named in a frame. */
    static Dialect named(String proto, String namePrefix, java.util.function.IntFunction<Client> clientByIndex) {
        return switch (proto) {
            case "signal" -> new SignalDialect();
            case "login" -> new LoginDialect();
            case "socketio" -> new SocketIoDialect(namePrefix, clientByIndex);
            default -> throw new IllegalArgumentException("unknown protocol " + proto);
        };
    }

    /** The URL a client connects to, from the base URL given on the command line. */
    default URI connectUri(URI base) {
        return base;
    }

    /** Whether one connection can be in several rooms (only then can a run put more rooms than sockets). */
    default boolean multiRoom() {
        return false;
    }

    /** Whether a message can go to a whole room rather than one named peer. */
    default boolean broadcasts() {
        return true;
    }

    /** Joins every room of {@link Client#rooms()}, answering {@link Client#joinAnswered()} per room. */
    default void join(Client client) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot join rooms on demand");
    }

    /** The socket is open: start the handshake. */
    void opened(Client client);

    /**
     * A frame that is not a relayed message: advance the handshake ({@link Client#ready()} when done), answer
     * protocol pings, report presence with {@link Client#presence(int, String)} and errors with {@link Client#fail}.
     */
    void control(Client client, String frame);

    /** OFFER or ANSWER when the frame is a relayed message, else null. */
    Kind relayed(String frame);

    /** {@link #relayed} for the JSON dialects, whose relayed frames start with their type (as both servers write them). */
    static Kind typeFirst(String frame) {
        if (frame.startsWith("{\"type\":\"offer\"")) {
            return Kind.OFFER;
        }
        if (frame.startsWith("{\"type\":\"answer\"")) {
            return Kind.ANSWER;
        }
        return null;
    }

    /**
     * Appends the frame that relays {@code body} from {@code from} to {@code to}, or to everyone else in
     * {@code room} when {@code to} is null.
     */
    void relay(StringBuilder out, Kind kind, Client from, Client to, String room, String body);
}
