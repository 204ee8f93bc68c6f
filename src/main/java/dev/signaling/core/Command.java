package dev.signaling.core;

/**
 * What a client asks of the core, decoded by a dialect's codec. {@code ref} is the client's request id in whatever
 * form its codec keeps it; the core only hands it back in the answer.
 */
public sealed interface Command {

    String ref();

    /** Enter {@code room} under an optional display {@code name}. */
    record Join(String room, String name, String ref) implements Command {
    }

    /** Leave {@code room}. */
    record Leave(String room, String ref) implements Command {
    }

    /** Send {@code data} to peer {@code to} in {@code room}, or to every other member of it when {@code to} is null. */
    record Relay(RelayKind kind, String room, PeerId to, Payload data, String ref) implements Command {
    }

    /** Application-level keep-alive; answered with {@link Event.Pong}. */
    record Ping(String ref) implements Command {
    }
}
