package dev.signaling.core;

/**
 * What the members of a room learn about each other. Fixed by the join that creates the room (the first member's);
 * the joins of later members do not change it.
 */
public enum RoomKind {
    /** Every member is told who is there when it joins, and of every arrival and departure after that. */
    ROOM,
    /**
     * Members are reachable by handle, but nobody is told who else is there, who arrives or who leaves. For a
     * namespace of a whole server's users (the login dialect's): announcing each login to everyone would make a
     * login cost O(users) and connecting n users O(n²), to deliver news the dialect throws away.
     */
    DIRECTORY
}
