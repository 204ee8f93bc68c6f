package dev.signaling.core;

/** The kinds of message the server relays between peers without looking inside. */
public enum RelayKind {
    OFFER("offer"),
    ANSWER("answer"),
    CANDIDATE("candidate"),
    MESSAGE("message");

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
