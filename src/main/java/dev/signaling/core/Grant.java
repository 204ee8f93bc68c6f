package dev.signaling.core;

import java.time.Instant;
import java.util.Set;

/**
 * What a connection is allowed to do, as established before its upgrade (docs/security.md): who it is and which
 * rooms it may join, until when. {@link #OPEN} is the grant of every connection while access tokens are off.
 * <p>
 * Rooms are granted by name. A dialect namespace room {@code ~<namespace>/<name>} (a mesh group) is granted by
 * {@code <name>}, like the /signal room of the same name; a namespace without a name part ({@code ~login}) must be
 * granted literally. {@value #ANY_ROOM} grants every room.
 *
 * @param subject the token's {@code sub}; null when access tokens are off
 * @param name the display name the token gives, or null to use the subject
 * @param rooms the rooms the connection may join
 * @param expiresAt when the grant ends (the token's {@code exp}), or null for never
 */
public record Grant(String subject, String name, Set<String> rooms, Instant expiresAt) {
    /** Grants every room. */
    public static final String ANY_ROOM = "*";
    /** Anyone, any room, forever: the grant while access tokens are off. */
    public static final Grant OPEN = new Grant(null, null, Set.of(ANY_ROOM), null);
    /** No room at all: what a connection gets when tokens are on but it arrived without a checked one. */
    public static final Grant NONE = new Grant(null, null, Set.of(), null);

    public Grant {
        rooms = Set.copyOf(rooms);
    }

    /** Whether this grant lets its holder join {@code room}. */
    public boolean allows(RoomName room) {
        return rooms.contains(ANY_ROOM) || rooms.contains(grantedAs(room.value()));
    }

    /** The display name the holder appears under: the token's, or the one the client asked for when unauthenticated. */
    public String displayName(String requested) {
        if (subject == null) {
            return requested;
        }
        return name != null ? name : subject;
    }

    /** The name under which a grant must list {@code room} (see the class comment). */
    static String grantedAs(String room) {
        if (RoomName.isReserved(room)) {
            int slash = room.indexOf('/');
            return slash < 0 ? room : room.substring(slash + 1);
        }
        return room;
    }
}
