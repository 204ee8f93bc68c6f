package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;

import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RoomName;
import dev.signaling.router.Router.JoinOutcome;
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

    /** Attached to {@code router}, joins {@code room} there (up to 10 members); fails the test unless it joined. */
    void joins(RedisRouter router, RoomName room) throws Exception {
        router.attach(id(), box);
        assertThat(done(router.join(room, info, 10, null))).isEqualTo(JoinOutcome.JOINED);
    }
}
