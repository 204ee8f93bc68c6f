package dev.signaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A peer's seats are the joins it has in flight plus the rooms the router told it it joined and has not left. The
 * count follows the router's Joined and Left events, so it stays right when a join's answer and its effect disagree
 * (a clustered router's join that took effect after it was answered "unavailable").
 */
class RoomQuotaTest {
    private static final RoomName ROOM = new RoomName("r");

    private final RoomQuota quota = new RoomQuota(2);
    private final PeerId peer = new PeerId("p");
    private final List<Event> delivered = new ArrayList<>();
    private final Outbox routerSide = quota.opened(peer, event -> delivered.add(event));

    @Test
    void joinsInFlightHoldSeatsSoTwoCannotTakeTheLastOne() {
        assertThat(quota.take(peer)).isTrue();
        assertThat(quota.take(peer)).isTrue();
        assertThat(quota.take(peer)).isFalse();
    }

    @Test
    void aJoinHoldsItsSeatFromItsJoinedUntilItsLeft() {
        join();
        join();
        assertThat(quota.take(peer)).isFalse();

        routerSide.offer(new Event.Left(ROOM, null)); // the router took the peer out of a room
        assertThat(quota.take(peer)).isTrue();
        assertThat(delivered).hasSize(3); // every event still reaches the peer
    }

    @Test
    void aJoinAnsweredUnavailableThatTookEffectLateStillHoldsItsSeat() {
        join();
        assertThat(quota.take(peer)).isTrue();
        quota.giveBack(peer); // answered: unavailable
        routerSide.offer(new Event.Joined(ROOM, peer, List.of(), "late")); // ... and it happened after all
        assertThat(quota.take(peer)).isFalse();
    }

    @Test
    void aLeaveThatTookEffectFreesItsSeat() {
        join();
        join();
        quota.giveBack(peer); // the service's own leave, answered "left"
        assertThat(quota.take(peer)).isTrue();
    }

    @Test
    void aClosedPeerIsNotCounted() {
        quota.closed(peer);
        for (int i = 0; i < 5; i++) {
            assertThat(quota.take(peer)).isTrue();
        }
    }

    /** A join as the service does it: reserve, the router's Joined, then the answer gives the reservation back. */
    private void join() {
        assertThat(quota.take(peer)).isTrue();
        routerSide.offer(new Event.Joined(ROOM, peer, List.of(), null));
        quota.giveBack(peer);
    }
}
