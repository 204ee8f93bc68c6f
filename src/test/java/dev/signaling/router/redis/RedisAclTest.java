package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomName;
import dev.signaling.router.RedisRouters;
import dev.signaling.support.RedisServer;

/**
 * A cluster connected as the Redis user the README gives operators of a shared Redis (its {@code ACL SETUSER} line,
 * read from the README): joins, relays, leaves, heartbeats, the reaping of a dead instance and a graceful stop all
 * work, and Redis refused the user nothing ({@code ACL LOG} stays empty), while the user can touch no other key.
 */
class RedisAclTest {
    private static final String PASSWORD = "acl-" + UUID.randomUUID();

    private RedisRouters routers;
    private RedisServer server;

    @BeforeEach
    void start() throws Exception {
        routers = new RedisRouters();
        server = routers.server();
        String rule = Files.readString(Path.of("README.md")).lines()
                .filter(line -> line.startsWith("ACL SETUSER signaling ")).findFirst().orElseThrow();
        assertThat(server.run(rule.replace(">CHANGE-ME", ">" + PASSWORD))).isEqualTo("+OK");
    }

    @AfterEach
    void stop() {
        routers.close();
    }

    @Test
    void aClusterRunsAsTheReadmesUserAndRedisRefusesItNothing() throws Exception {
        // An instance that died without cleaning up: the others reap it.
        server.run("SADD sig:nodes ghost");
        server.run("SADD sig:peers:ghost ghost-peer");
        String url = "redis://signaling:" + PASSWORD + "@127.0.0.1:" + server.port();
        RedisRouter one = routers.readyAt(url, RedisRouters.FAST);
        RedisRouter two = routers.readyAt(url, RedisRouters.FAST);
        PeerPair pair = PeerPair.across(one, two);
        RoomName room = pair.room();
        TestPeer a = pair.a();
        TestPeer b = pair.b();

        done(one.relay(room, a.id(), Recipient.EVERYONE, RelayKind.MESSAGE, new Payload("\"to all\"")));
        done(one.relay(room, a.id(), new Recipient.Peer(b.id()), RelayKind.MESSAGE, new Payload("\"to b\"")));
        assertThat(done(one.leave(room, a.id()))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> b.box().events.stream()
                .anyMatch(e -> e instanceof Event.PeerLeft left && left.peer().peerId().equals(a.id())));
        assertThat(b.box().events).filteredOn(e -> e instanceof Event.Relayed).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.run("SISMEMBER sig:nodes ghost").equals(":0"));
        one.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.run("SCARD sig:nodes").equals(":1"));

        assertThat(server.text("CLIENT LIST").lines().filter(client -> client.contains(" user=signaling ")))
                .as("the surviving instance's connections").hasSizeGreaterThanOrEqualTo(2);
        assertThat(server.run("ACL LOG")).as("what Redis refused the user").isEqualTo("*0");
        assertThat(server.run("ACL DRYRUN signaling GET other:key")).isNotEqualTo("+OK");
        assertThat(server.run("ACL DRYRUN signaling FLUSHALL")).isNotEqualTo("+OK");
    }
}
