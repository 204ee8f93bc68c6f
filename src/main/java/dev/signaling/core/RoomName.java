package dev.signaling.core;

import java.util.Objects;

/** The name of a room, checked once when a client names it: 1 to the configured maximum characters, no controls. */
public record RoomName(String value) {
    /**
     * Names starting with this belong to dialects that put their clients in rooms of their own (the compat login
     * namespace, the mesh groups). Dialects whose clients name rooms refuse such names, so no client can walk into
     * another dialect's namespace by typing its name.
     */
    public static final String RESERVED_PREFIX = "~";

    public RoomName {
        Objects.requireNonNull(value, "value");
    }

    /** Validates what a client sent; throws {@link SignalingException} with {@link ErrorCode#INVALID_ROOM}. */
    public static RoomName parse(String raw, int maxLength) {
        if (raw == null) {
            throw new SignalingException(ErrorCode.MISSING_FIELD, "field 'room' is required");
        }
        if (raw.isEmpty()) {
            throw new SignalingException(ErrorCode.INVALID_ROOM, "room name is empty");
        }
        if (raw.length() > maxLength) {
            throw new SignalingException(ErrorCode.INVALID_ROOM, "room name is longer than " + maxLength + " characters");
        }
        if (Text.hasControlCharacter(raw)) {
            throw new SignalingException(ErrorCode.INVALID_ROOM, "room name contains control characters");
        }
        return new RoomName(raw);
    }

    /** Whether {@code raw} is a name that only a dialect, never a client, may choose (see {@link #RESERVED_PREFIX}). */
    public static boolean isReserved(String raw) {
        return raw != null && raw.startsWith(RESERVED_PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
