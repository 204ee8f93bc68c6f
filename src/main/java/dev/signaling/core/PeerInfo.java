package dev.signaling.core;

import java.util.Objects;

/** A member of a room as the others see it: its id and the display name it joined with (may be null). */
public record PeerInfo(PeerId peerId, String name) {
    public PeerInfo {
        Objects.requireNonNull(peerId, "peerId");
    }
}
