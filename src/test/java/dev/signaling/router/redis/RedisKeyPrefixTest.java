package dev.signaling.router.redis;

import static dev.signaling.router.redis.Outcomes.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
import dev.signaling.router.Router.Delivery;

/**
 * Two deployments on one Redis, each with a key prefix of its own ({@code signaling.redis.key-prefix}): a room of the
 * same name is two rooms, a message reaches only its own deployment's members, and every key either deployment wrote
 * starts with its prefix. A prefix that could not be written into the room script safely is refused.
 */
class RedisKeyPrefixTest {
    private RedisRouters routers;

    @BeforeEach
    void start() {
        routers = new RedisRouters();
    }

    @AfterEach
    void stop() {
        routers.close();
    }

    @Test
    void deploymentsWithPrefixesOfTheirOwnShareARedisWithoutMixing() throws Exception {
        RedisRouter staging1 = routers.ready(prefixed("staging:"));
        RedisRouter staging2 = routers.ready(prefixed("staging:"));
        RedisRouter production = routers.ready(prefixed("prod.eu-1:"));
        RoomName room = new RoomName("standup-" + UUID.randomUUID());
        TestPeer a = TestPeer.named("A");
        TestPeer b = TestPeer.named("B");
        TestPeer c = TestPeer.named("C");
        a.joins(staging1, room);
        b.joins(production, room);
        c.joins(staging2, room);

        Delivery fromProduction = done(production.relay(room, b.id(), Recipient.EVERYONE, RelayKind.MESSAGE,
                new Payload("\"production\"")));
        Delivery fromStaging = done(staging1.relay(room, a.id(), Recipient.EVERYONE, RelayKind.MESSAGE,
                new Payload("\"staging\"")));

        assertThat(fromProduction.recipients()).isZero();
        assertThat(fromStaging.recipients()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.box().events.stream().anyMatch(e ->
                e instanceof Event.Relayed relayed && relayed.data().equals(new Payload("\"staging\""))));
        assertThat(a.box().events).noneMatch(e -> e instanceof Event.PeerJoined joined
                && joined.peer().peerId().equals(b.id()));
        assertThat(b.box().events).noneMatch(e -> e instanceof Event.PeerJoined || e instanceof Event.Relayed);
        assertThat(c.box().events).noneMatch(e -> e instanceof Event.Relayed relayed
                && relayed.data().equals(new Payload("\"production\"")));
        // In one script, so that no heartbeat comes between the counts.
        assertThat(routers.server().run("EVAL \"return #redis.call('KEYS','*') - #redis.call('KEYS','staging:*')"
                + " - #redis.call('KEYS','prod.eu-1:*')\" 0")).as("keys outside both prefixes").isEqualTo(":0");
        assertThat(routers.server().run("EVAL \"return #redis.call('KEYS','prod.eu-1:room:*')\" 0")).isEqualTo(":1");
        assertThat(routers.server().run("EVAL \"return #redis.call('KEYS','staging:room:*')\" 0")).isEqualTo(":1");
    }

    @Test
    void aPrefixThatCannotBeWrittenIntoTheScriptSafelyIsRefused() {
        for (String prefix : new String[] {"", "sig'..redis.call('FLUSHALL')..'", "a b:", "x".repeat(65), "é:"}) {
            assertThatThrownBy(() -> prefixed(prefix)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("signaling.redis.key-prefix");
        }
        assertThat(prefixed("x".repeat(64)).keyPrefix()).hasSize(64);
    }

    private static RedisSettings prefixed(String prefix) {
        RedisSettings fast = RedisRouters.FAST;
        return new RedisSettings(fast.heartbeatInterval(), fast.instanceTtl(), fast.operationTimeout(),
                fast.maxQueuedOperations(), prefix);
    }
}
