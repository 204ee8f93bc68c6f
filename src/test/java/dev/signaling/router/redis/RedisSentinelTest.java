package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomName;
import dev.signaling.router.RedisRouters;
import dev.signaling.router.Router.JoinOutcome;
import dev.signaling.support.RedisServer;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

/**
 * Redis behind Sentinel ({@code quarkus.redis.client-type=sentinel}, {@code quarkus.redis.master-name},
 * {@code quarkus.redis.role=master}): the instances find the primary through a real Sentinel, and after a failover
 * (the Sentinel promotes the replica and closes the old primary's clients) they reconnect to the new primary,
 * resync there, and their rooms go on.
 */
class RedisSentinelTest {
    private static final String MASTER = "signaling";

    private RedisRouters routers;
    private RedisServer replica;
    private RedisServer sentinel;
    private RedisRouter one;
    private RedisRouter two;
    private final RoomName room = new RoomName("room-" + UUID.randomUUID());
    private final TestPeer a = TestPeer.named("A");
    private final TestPeer b = TestPeer.named("B");
    private final TestPeer c = TestPeer.named("C");

    @BeforeEach
    void start() {
        routers = new RedisRouters();
        replica = RedisServer.startReplicaOf(routers.server());
        sentinel = RedisServer.startSentinel(MASTER, routers.server());
        // The Sentinel learns of the replica from the primary, and fails over only to one in sync.
        await().atMost(Duration.ofSeconds(20)).until(() -> sentinel.run("SENTINEL REPLICAS " + MASTER).equals("*1")
                && replica.info("replication", "master_link_status").equals("up"));
    }

    @AfterEach
    void stop() {
        routers.close();
        sentinel.close();
        replica.close();
    }

    @Test
    void afterAFailoverTheInstancesGoOnOnTheNewPrimary() throws Exception {
        RedisOptions throughSentinel = new RedisOptions().setType(RedisClientType.SENTINEL)
                .setConnectionString(sentinel.url()).setMasterName(MASTER).setRole(RedisRole.MASTER);
        RedisSettings settings = RedisRouters.patient(Duration.ofSeconds(5)); // an instance TTL longer than a failover
        one = routers.readyWith(throughSentinel, settings, (reason, count) -> { });
        two = routers.readyWith(throughSentinel, settings, (reason, count) -> { });
        a.joins(one, room);
        b.joins(two, room);
        two.attach(c.id(), c.box());
        assertThat(routers.server().run("HLEN sig:room:" + room.value())).isEqualTo(":2");

        assertThat(sentinel.run("SENTINEL FAILOVER " + MASTER)).isEqualTo("+OK");
        // The old primary demoted; being demoted, it closes its clients' connections, this test's INFO among them.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> replica.info("replication", "role").equals("master")
                        && routers.server().info("replication", "role").equals("slave"));

        // A join writes: it succeeds only on the new primary (the old one refuses writes now).
        await().atMost(Duration.ofSeconds(20)).until(() -> one.isReady() && two.isReady());
        assertThat(done(two.join(room, c.info(), 10, null))).isEqualTo(JoinOutcome.JOINED);
        assertThat(replica.run("HLEN sig:room:" + room.value())).isEqualTo(":3");
        assertThat(Newcomer.membersSeenIn(room, one, List.of(one, two), a.box(), b.box(), c.box()))
                .containsExactlyInAnyOrder(a.info(), b.info(), c.info());
        b.box().drain();
        done(one.relay(room, a.id(), Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("\"after\"")));
        await().atMost(Duration.ofSeconds(10)).until(() -> b.box().events.stream()
                .anyMatch(e -> e instanceof Event.Relayed relayed && relayed.data().equals(new Payload("\"after\""))));
    }
}
