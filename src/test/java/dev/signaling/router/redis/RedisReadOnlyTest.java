package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.RoomName;
import dev.signaling.router.RedisRouters;
import dev.signaling.support.RedisServer;

/**
 * The Redis the instances are connected to becomes a read-only replica (a failover that demoted it, without closing
 * its clients' connections: Redis keeps them open): every write fails with READONLY. A client's operation is answered
 * unavailable; the instances report not ready, saying why, and keep reconnecting until the address they were given
 * leads to a primary again; then they resync and are ready with their peers. On the build before, the join was
 * answered with the server's own error, and the reason said only that a resync failed.
 */
class RedisReadOnlyTest {
    private RedisRouters routers;
    private RedisServer server;
    private RedisServer otherPrimary;
    private RedisRouter one;
    private RedisRouter two;
    private final RoomName room = new RoomName("room-" + UUID.randomUUID());
    private final TestPeer a = TestPeer.named("A");
    private final TestPeer b = TestPeer.named("B");
    private final TestPeer c = TestPeer.named("C");

    @BeforeEach
    void start() throws Exception {
        routers = new RedisRouters();
        server = routers.server();
        otherPrimary = RedisServer.start();
        one = routers.ready(RedisRouters.FAST);
        two = routers.ready(RedisRouters.FAST);
        a.joins(one, room);
        b.joins(two, room);
        two.attach(c.id(), c.box());
    }

    @AfterEach
    void stop() {
        server.run("REPLICAOF NO ONE");
        routers.close();
        otherPrimary.close();
    }

    @Test
    void instancesOnADemotedPrimaryAreUnreadyUntilTheirAddressLeadsToAPrimaryAgain() throws Exception {
        assertThat(server.run("REPLICAOF 127.0.0.1 " + otherPrimary.port())).isEqualTo("+OK");
        // A client's join meanwhile: unavailable (try again), not an error of the server's.
        assertUnavailable(two.join(room, c.info(), 10, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> !one.isReady() && !two.isReady());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> one.whyNotReady().orElse("").contains("READONLY"));

        assertThat(server.run("REPLICAOF NO ONE")).isEqualTo("+OK"); // the address leads to a primary again
        await().atMost(Duration.ofSeconds(15)).until(() -> one.isReady() && two.isReady());
        assertThat(Newcomer.membersSeenIn(room, one, List.of(one, two), a.box(), b.box()))
                .containsExactlyInAnyOrder(a.info(), b.info());
    }
}
