package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.Outbox;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RoomName;
import dev.signaling.router.RedisRouters;
import dev.signaling.support.RedisServer;
import dev.signaling.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Whatever happens to the connections to Redis in the middle of a burst of joins and leaves (they break, Redis
 * freezes past the operation timeout, or the network holds what the instances sent and delivers it after they
 * reconnected), every client ends up believing what Redis holds: the rooms it was told it is in (its Joined events, less its Left events) are the rooms
 * Redis has it in, and in each of them the members it was told about are the members Redis lists. Operations whose
 * answers were lost with the connections, or came after their clients were told they failed, must all be
 * reconciled for that.
 */
class RedisConsistencyTest {
    private static final int PEERS_PER_INSTANCE = 100;
    private static final int ROOMS = 12;
    /** In each burst: joins in the first, as many joins as leaves in the others. */
    private static final int OPERATIONS_PER_PEER = 3;
    /** Bursts, each broken off: each is a chance for an answer to be lost, or to come late. */
    private static final int ROUNDS = 9;
    /**
     * An operation timeout short enough for a frozen Redis to reach it quickly, and heartbeats that expire sooner:
     * each freeze also makes the instances reap each other's peers and start over.
     */
    private static final RedisSettings SETTINGS = new RedisSettings(Duration.ofMillis(100), Duration.ofMillis(400),
            Duration.ofMillis(500), 20_000);

    private RedisRouters routers;
    private RedisServer server;
    /** Between the instances and Redis. */
    private TcpProxy network;
    private Vertx vertx;
    private Redis raw;
    private final Random random = new Random(29);
    private final Map<PeerInfo, Client> clients = new HashMap<>();
    private final List<CompletionStage<?>> operations = new ArrayList<>();

    @BeforeEach
    void start() {
        routers = new RedisRouters();
        server = routers.server();
        network = TcpProxy.to(server.port());
        vertx = Vertx.vertx();
        raw = Redis.createClient(vertx, server.url());
    }

    @AfterEach
    void stop() throws Exception {
        network.close();
        routers.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void clientsAndRedisAgreeAfterTheConnectionsBreakDuringABurst() throws Exception {
        String throughTheNetwork = "redis://127.0.0.1:" + network.port();
        List<RedisRouter> instances = List.of(routers.readyAt(throughTheNetwork, SETTINGS),
                routers.readyAt(throughTheNetwork, SETTINGS));
        List<RoomName> rooms = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            rooms.add(new RoomName("room-" + i + "-" + UUID.randomUUID()));
        }
        for (RedisRouter instance : instances) {
            for (int i = 0; i < PEERS_PER_INSTANCE; i++) {
                PeerInfo peer = new PeerInfo(new PeerId("p" + clients.size() + "-" + UUID.randomUUID()), null);
                Client client = new Client(instance);
                instance.attach(peer.peerId(), client);
                clients.put(peer, client);
            }
        }

        // Everyone joins three rooms at once, then each peer leaves or joins three, round after round. Every time, once
        // a tenth of the burst is answered, the connections break while Redis still works through the rest, or Redis
        // freezes until some of the rest time out, or the network holds the rest until the instances reconnected.
        for (int round = 0; round < ROUNDS; round++) {
            int first = operations.size();
            boolean joinsOnly = round == 0;
            clients.forEach((peer, client) -> {
                for (int j = 0; j < OPERATIONS_PER_PEER; j++) {
                    operations.add(joinOrLeave(peer, client, rooms.get(random.nextInt(ROOMS)), joinsOnly));
                }
            });
            List<CompletableFuture<?>> burst = operations.subList(first, operations.size()).stream()
                    .map(CompletionStage::toCompletableFuture).collect(Collectors.toList());
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> burst.stream().filter(CompletableFuture::isDone).count() >= burst.size() / 10);
            switch (round % 3) {
                case 0 -> breakEveryConnection();
                case 1 -> stallRedisUntilOperationsTimeOut(burst);
                default -> holdWhatTheInstancesSendUntilTheyReconnected(instances);
            }
            awaitReady(instances);
        }

        // Every operation has its answer or its failure, and the views have healed (the audit, one TTL after the
        // resync, tells each client who is gone).
        await().atMost(Duration.ofSeconds(10))
                .until(() -> operations.stream().allMatch(operation -> operation.toCompletableFuture().isDone()));
        Duration audit = SETTINGS.instanceTtl().plus(SETTINGS.heartbeatInterval());
        await().pollDelay(audit.multipliedBy(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (RedisRouter instance : instances) {
                instance.sync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            assertThat(disagreements(rooms)).isEmpty();
        });
        // and nothing was left behind: Redis serves each instance's two connections (and this test's own), however
        // many times they were dropped and made again
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                send(Request.cmd(Command.CLIENT).arg("LIST")).toString().lines().count())
                .isEqualTo(2L * instances.size() + 1));
    }

    /** A join, or (not in the first round) as likely a leave, answered as the service would answer it. */
    private CompletionStage<?> joinOrLeave(PeerInfo peer, Client client, RoomName room, boolean joinOnly) {
        if (joinOnly || random.nextBoolean()) {
            return client.router.join(room, peer, 1_000, null);
        }
        // The service answers a leave with a left, or with not-in-room: either way its client knows it is out.
        return client.router.leave(room, peer.peerId()).thenAccept(left -> client.offer(new Event.Left(room, "mine")));
    }

    /**
     * Freezes Redis until the operation timeout fails some of the burst, then lets it go on: it runs what it had
     * read, after those clients were told their operations failed. The pause outlasts the heartbeats too.
     */
    private void stallRedisUntilOperationsTimeOut(List<CompletableFuture<?>> burst) {
        server.pause();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> burst.stream().allMatch(CompletableFuture::isDone)
                    || burst.stream().anyMatch(CompletableFuture::isCompletedExceptionally));
        } finally {
            server.resume();
        }
    }

    /**
     * Kills the instances' subscriptions (the burst is still going on): each instance then drops its other connection
     * too and reconnects, while Redis goes on running the commands it had already read from that one, whose events
     * and answers reach nobody.
     */
    private void breakEveryConnection() throws Exception {
        send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub"));
    }

    /**
     * The network stops delivering what the instances send and cuts them off; once they have reconnected (on new
     * connections, which it delivers) and resynced, it delivers what it held: the rest of the burst reaches Redis
     * after the resyncs, on connections the instances gave up on.
     */
    private void holdWhatTheInstancesSendUntilTheyReconnected(List<RedisRouter> instances) {
        network.holdOpenConnections();
        network.cutHeldClients();
        Set<RedisRouter> cutOff = ConcurrentHashMap.newKeySet(); // each is down at least 100 ms before reconnecting
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                .until(() -> {
                    instances.stream().filter(instance -> !instance.isReady()).forEach(cutOff::add);
                    return cutOff.size() == instances.size();
                });
        awaitReady(instances);
        network.deliverHeld();
    }

    private static void awaitReady(List<RedisRouter> instances) {
        await().atMost(Duration.ofSeconds(15)).until(() -> instances.stream().allMatch(RedisRouter::isReady));
    }

    /** Where a client's belief and Redis differ: the rooms it is in, and who is in them with it. */
    private List<String> disagreements(List<RoomName> rooms) throws Exception {
        Map<String, Set<String>> members = new HashMap<>();
        for (RoomName room : rooms) {
            Set<String> ids = new TreeSet<>();
            send(Request.cmd(Command.HKEYS).arg("sig:room:" + room.value())).forEach(id -> ids.add(id.toString()));
            members.put(room.value(), ids);
        }
        List<String> found = new ArrayList<>();
        clients.forEach((peer, client) -> {
            String self = peer.peerId().value();
            Map<String, Set<String>> believed = client.view(peer.peerId());
            members.forEach((room, ids) -> {
                Set<String> told = believed.get(room);
                if (ids.contains(self) != (told != null)) {
                    found.add(self + (told != null ? " believes it is in " : " does not know it is in ") + room);
                } else if (told != null && !told.equals(ids)) {
                    found.add(self + " in " + room + " believes " + told + ", Redis has " + ids);
                }
            });
        });
        return found;
    }

    private Response send(Request request) throws Exception {
        return raw.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One client: what it was told, in order. */
    private static final class Client implements Outbox {
        final RedisRouter router;
        final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

        Client(RedisRouter router) {
            this.router = router;
        }

        @Override
        public boolean offer(Event event) {
            events.add(event);
            return true;
        }

        /** The rooms this client was told it is in, each with the members it was told are there. */
        Map<String, Set<String>> view(PeerId self) {
            Map<String, Set<String>> rooms = new TreeMap<>();
            for (Event event : events) {
                if (event instanceof Event.Joined joined) {
                    Set<String> members = new TreeSet<>();
                    members.add(self.value());
                    joined.peers().forEach(p -> members.add(p.peerId().value()));
                    rooms.put(joined.room().value(), members);
                } else if (event instanceof Event.Left left) {
                    rooms.remove(left.room().value());
                } else if (event instanceof Event.PeerJoined came && rooms.containsKey(came.room().value())) {
                    rooms.get(came.room().value()).add(came.peer().peerId().value());
                } else if (event instanceof Event.PeerLeft gone && rooms.containsKey(gone.room().value())) {
                    rooms.get(gone.room().value()).remove(gone.peer().peerId().value());
                }
            }
            return rooms;
        }
    }
}
