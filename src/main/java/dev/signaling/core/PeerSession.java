package dev.signaling.core;

/**
 * One connected peer as the core sees it: its id, the dialect it speaks (a metrics label) and its outbox.
 * A dialect endpoint holds one per connection and hands it back with every command.
 */
public record PeerSession(PeerId id, String dialect, Outbox outbox) {
}
