package dev.signaling.core;

import java.util.Objects;

/**
 * One connected peer as the core sees it: its id, the dialect it speaks (a metrics label), its outbox and what its
 * access token granted it. A dialect endpoint holds one per connection and hands it back with every command.
 */
public record PeerSession(PeerId id, String dialect, Outbox outbox, Grant grant) {
    public PeerSession {
        Objects.requireNonNull(grant, "grant");
    }
}
