package dev.signaling.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RoomName;

class LocalRouterTest extends RouterContract {

    @Override
    protected Router newRouter() {
        return new LocalRouter();
    }

    @Test
    void concurrentJoinsNeverOverfillARoomAndEveryoneSeesTheSameMembers() throws Exception {
        LocalRouter local = (LocalRouter) router;
        RoomName room = room();
        int capacity = 10;
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            PeerId id = peer();
            attach(id);
            peers.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Router.JoinOutcome>> joins = new ArrayList<>();
            for (PeerId id : peers) {
                joins.add(CompletableFuture.supplyAsync(() -> router.join(room, new PeerInfo(id, null), capacity, null),
                        pool).thenCompose(s -> s));
            }
            long joined = joins.stream().map(CompletableFuture::join).filter(o -> o == Router.JoinOutcome.JOINED)
                    .count();
            assertThat(joined).isEqualTo(capacity);
            assertThat(local.members(room)).hasSize(capacity);
        } finally {
            pool.shutdownNow();
        }
    }
}
