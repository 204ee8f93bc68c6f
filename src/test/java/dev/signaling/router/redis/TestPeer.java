package dev.signaling.router.redis;

import java.util.Locale;
import java.util.UUID;

import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.router.RouterContract.RecordingOutbox;

/** A test's peer: who it is (an id unique to the run) and the outbox that records what it is sent. */
record TestPeer(PeerInfo info, RecordingOutbox box) {
    static TestPeer named(String name) {
        PeerId id = new PeerId(name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID());
        return new TestPeer(new PeerInfo(id, name), new RecordingOutbox(() -> { }));
    }

    PeerId id() {
        return info.peerId();
    }
}
