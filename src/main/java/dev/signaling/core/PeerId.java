package dev.signaling.core;

import java.util.Objects;

/**
 * Identifies one peer for as long as it lives. Ids come from {@link PeerIdGenerator}: 128 random bits, so they are
 * unique across every instance of a cluster and cannot be guessed by another client.
 */
public record PeerId(String value) {
    public PeerId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
