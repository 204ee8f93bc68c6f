package dev.signaling.router.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

/**
 * A subscriber of its own on an instance's channel: what Redis publishes there, decoded, in order, less the
 * acknowledgements of the instance's heartbeat reaps (they come whenever its heartbeat is due).
 */
final class BusSpy {
    private final ConcurrentLinkedQueue<EventWire.BusMessage> heard = new ConcurrentLinkedQueue<>();

    private BusSpy() {
    }

    /** Listens on {@code router}'s channel from now on (its connection closes with {@code vertx}). */
    static BusSpy on(Vertx vertx, String redisUrl, RedisRouter router) throws Exception {
        BusSpy spy = new BusSpy();
        RedisConnection listener = Redis.createClient(vertx, redisUrl).connect().toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        listener.handler(push -> {
            if (push.size() == 3 && "message".equals(push.get(0).toString())) {
                EventWire.BusMessage message = EventWire.decodeBus(push.get(2).toString());
                if (!(message instanceof EventWire.Ack ack && ack.result().startsWith("REAPED"))) {
                    spy.heard.add(message);
                }
            }
        });
        listener.send(Request.cmd(Command.SUBSCRIBE).arg("sig:bus:" + router.instanceId())).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return spy;
    }

    int size() {
        return heard.size();
    }

    /** What was heard so far, which is forgotten. */
    List<EventWire.BusMessage> drain() {
        List<EventWire.BusMessage> out = new ArrayList<>();
        for (EventWire.BusMessage message = heard.poll(); message != null; message = heard.poll()) {
            out.add(message);
        }
        return out;
    }
}
