package dev.signaling.core;

/**
 * The kinds of message the server relays between peers without looking inside. Each dialect accepts the kinds its
 * protocol has ({@code /signal}: offer, answer, candidate, message).
 */
public enum RelayKind {
    OFFER("offer"),
    ANSWER("answer"),
    CANDIDATE("candidate"),
    MESSAGE("message"),
    /** A hang-up notice from one peer to another (the login dialect's directed {@code leave}). */
    BYE("bye");

    private final String wireName;

    RelayKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind with this wire name, or null. */
    public static RelayKind fromWireName(String name) {
        for (RelayKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
