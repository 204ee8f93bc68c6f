package dev.signaling.core;

import java.util.Objects;

/** Who in a room a relayed message is for. */
public sealed interface Recipient {

    /** Every member but the sender. */
    record Everyone() implements Recipient {
    }

    /** One member, by peer id. */
    record Peer(PeerId peerId) implements Recipient {
        public Peer {
            Objects.requireNonNull(peerId, "peerId");
        }
    }

    /** One member, by the handle it joined with. */
    record Handle(String handle) implements Recipient {
        public Handle {
            Objects.requireNonNull(handle, "handle");
        }
    }

    Recipient EVERYONE = new Everyone();
}
