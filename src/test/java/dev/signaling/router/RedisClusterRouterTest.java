package dev.signaling.router;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.signaling.core.Outbox;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;
import dev.signaling.router.redis.RedisRouter;

/**
 * The {@link Router} contract across two {@link RedisRouter} instances sharing one Redis: peers are attached to
 * the instances in turn (as a load balancer without sticky sessions would spread sockets), and each operation runs
 * on the instance holding the calling peer. Every behaviour must hold with the peers on different instances.
 */
class RedisClusterRouterTest extends RouterContract {
    private static RedisRouters routers;

    @BeforeAll
    static void startRedis() {
        routers = new RedisRouters();
    }

    @AfterAll
    static void stopRedis() {
        routers.close();
    }

    @Override
    protected Router newRouter() {
        return new Spread(List.of(routers.ready(), routers.ready()));
    }

    @Override
    protected void dispose(Router router) {
        routers.stopAll();
    }

    @Override
    protected void settle() {
        for (RedisRouter instance : ((Spread) router).instances) {
            try {
                instance.sync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Several instances seen as one router: each peer lives on the instance it was attached to. */
    static final class Spread implements Router {
        final List<RedisRouter> instances;
        private final Map<PeerId, RedisRouter> holders = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();

        Spread(List<RedisRouter> instances) {
            this.instances = instances;
        }

        private RedisRouter holder(PeerId peer) {
            return holders.getOrDefault(peer, instances.get(0));
        }

        @Override
        public void attach(PeerId peer, Outbox outbox) {
            RedisRouter instance = instances.get(next.getAndIncrement() % instances.size());
            holders.put(peer, instance);
            instance.attach(peer, outbox);
        }

        @Override
        public CompletionStage<Boolean> detach(PeerId peer) {
            return holder(peer).detach(peer);
        }

        @Override
        public CompletionStage<JoinOutcome> join(RoomName room, PeerInfo peer, int capacity, RoomKind kind,
                String ref) {
            return holder(peer.peerId()).join(room, peer, capacity, kind, ref);
        }

        @Override
        public CompletionStage<Boolean> leave(RoomName room, PeerId peer) {
            return holder(peer).leave(room, peer);
        }

        @Override
        public CompletionStage<Delivery> relay(RoomName room, PeerId from, Recipient to, RelayKind kind,
                Payload data) {
            return holder(from).relay(room, from, to, kind, data);
        }

        @Override
        public boolean isReady() {
            return instances.stream().allMatch(RedisRouter::isReady);
        }

        @Override
        public int localPeerCount() {
            return instances.stream().mapToInt(RedisRouter::localPeerCount).sum();
        }

        @Override
        public int localRoomCount() {
            Set<RoomName> rooms = new HashSet<>();
            instances.forEach(i -> rooms.addAll(i.localRooms()));
            return rooms.size();
        }
    }
}
