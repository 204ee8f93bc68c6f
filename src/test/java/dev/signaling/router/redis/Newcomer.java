package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import dev.signaling.core.Event;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RoomName;
import dev.signaling.router.Router.JoinOutcome;
import dev.signaling.router.RouterContract.RecordingOutbox;

/**
 * Who Redis has in a room, asked the way a client would: a newcomer joins it through one instance, reads the members
 * its {@code joined} names, and leaves. Its visit is then taken out of what the others were told, since it is not
 * what a test checks.
 */
final class Newcomer {
    private Newcomer() {
    }

    /**
     * @param via the instance the newcomer joins through
     * @param instances every instance, synced before the others' outboxes are cleaned
     * @param told the outboxes that hear of the newcomer's visit
     */
    static List<PeerInfo> membersSeenIn(RoomName room, RedisRouter via, List<RedisRouter> instances,
            RecordingOutbox... told) throws Exception {
        PeerInfo newcomer = new PeerInfo(new PeerId("n-" + UUID.randomUUID()), null);
        RecordingOutbox box = new RecordingOutbox(() -> { });
        via.attach(newcomer.peerId(), box);
        assertThat(done(via.join(room, newcomer, 10, null))).isEqualTo(JoinOutcome.JOINED);
        Event.Joined joined = (Event.Joined) box.events.peek();
        done(via.detach(newcomer.peerId()));
        for (RedisRouter instance : instances) {
            done(instance.sync());
        }
        for (RecordingOutbox outbox : told) {
            outbox.events.removeIf(e -> e instanceof Event.PeerJoined j && j.peer().equals(newcomer)
                    || e instanceof Event.PeerLeft l && l.peer().equals(newcomer));
        }
        return joined.peers();
    }
}
