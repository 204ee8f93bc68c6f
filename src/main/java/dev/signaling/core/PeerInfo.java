package dev.signaling.core;

import java.util.Objects;

/**
 * A member of a room as the others see it: its id, the display name it joined with, and an optional handle.
 * A handle is a name the client chose and others address it by (a login name, a mesh id); it is unique within the
 * room. Name and handle may be null.
 */
public record PeerInfo(PeerId peerId, String name, String handle) {
    public PeerInfo {
        Objects.requireNonNull(peerId, "peerId");
    }

    public PeerInfo(PeerId peerId, String name) {
        this(peerId, name, null);
    }
}
