package dev.signaling.core;

import java.util.Objects;

/**
 * What one peer relays to another (an SDP, a candidate, an app message), kept as the JSON text the sender wrote.
 * The core never parses it; dialects embed it as it is, so it crosses the server without being re-serialized.
 */
public record Payload(String json) {
    public Payload {
        Objects.requireNonNull(json, "json");
    }

    /** Size in chars, used for outbox accounting. */
    public int length() {
        return json.length();
    }
}
