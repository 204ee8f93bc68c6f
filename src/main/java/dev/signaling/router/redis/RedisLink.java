package dev.signaling.router.redis;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * This instance's two connections to Redis: the <em>lane</em>, one connection every command goes through in call
 * order (Redis runs the commands of one connection in the order they arrive, so one peer's relays keep their
 * order), and the <em>bus</em>, subscribed to this instance's channel. Both are driven from one Vert.x context, so
 * requests are written in the order {@link #send} was called. When either connection fails, both are dropped and
 * connected again with a growing pause (up to 2 s) until Redis answers; the owner hears of each change.
 */
final class RedisLink {
    /** What the owner is told. Called on the link's context. */
    interface Listener {
        /** Both connections are up, the script is loaded and the bus is subscribed. */
        void up();

        /** The connections were lost; commands sent meanwhile failed. */
        void down(Throwable cause);
    }

    private static final long MIN_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 2000;

    private final Vertx vertx;
    private final Redis redis;
    private final String channel;
    private final Consumer<String> messages;
    private final Listener listener;
    private final Context context;

    // Touched on the context only.
    private RedisConnection lane;
    private RedisConnection bus;
    private int generation;
    private long pause = MIN_PAUSE_MS;
    private boolean stopped;
    private volatile boolean up;

    RedisLink(Vertx vertx, Redis redis, String channel, Consumer<String> messages, Listener listener) {
        this.vertx = vertx;
        this.redis = redis;
        this.channel = channel;
        this.messages = messages;
        this.listener = listener;
        this.context = vertx.getOrCreateContext();
    }

    void start() {
        context.runOnContext(v -> connect());
    }

    boolean isUp() {
        return up;
    }

    /** Sends one command on the lane, after every command sent before it. Fails with UNAVAILABLE while down. */
    CompletableFuture<Response> send(Request request) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (!up) {
                result.completeExceptionally(unavailable(null));
                return;
            }
            lane.send(request).onComplete(ar -> {
                if (ar.succeeded()) {
                    result.complete(ar.result());
                } else {
                    result.completeExceptionally(ar.cause());
                }
            });
        });
        return result;
    }

    /** Runs {@code task} on the link's context (after everything already queued there). */
    void run(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** Closes both connections for good. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            stopped = true;
            up = false;
            closeAll();
            done.complete(null);
        });
        return done;
    }

    static SignalingException unavailable(Throwable cause) {
        String detail = cause == null ? "" : " (" + cause.getMessage() + ")";
        return new SignalingException(ErrorCode.UNAVAILABLE, "the cluster store is unavailable, try again" + detail);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        int attempt = ++generation;
        redis.connect().compose(connection -> {
            lane = connection;
            watch(connection, attempt);
            return redis.connect();
        }).compose(connection -> {
            bus = connection;
            watch(connection, attempt);
            connection.handler(this::onPush);
            return connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
        }).compose(subscribed -> lane.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(RoomScripts.SOURCE)))
                .compose(sha -> RoomScripts.SHA1.equals(sha.toString()) ? Future.succeededFuture()
                        : Future.failedFuture("script digest mismatch: " + sha))
                .onComplete(ar -> {
                    if (attempt != generation || stopped) {
                        return;
                    }
                    if (ar.succeeded()) {
                        pause = MIN_PAUSE_MS;
                        up = true;
                        Log.infof("Connected to Redis; listening on %s", channel);
                        listener.up();
                    } else {
                        drop(attempt, ar.cause());
                    }
                });
    }

    private void watch(RedisConnection connection, int attempt) {
        connection.exceptionHandler(e -> context.runOnContext(v -> drop(attempt, e)));
        connection.endHandler(v -> context.runOnContext(x -> drop(attempt, new IOException("connection closed"))));
    }

    /** A connection of attempt {@code attempt} failed: start over, unless a newer attempt already did. */
    private void drop(int attempt, Throwable cause) {
        if (attempt != generation || stopped) {
            return;
        }
        generation++;
        boolean wasUp = up;
        up = false;
        closeAll();
        if (wasUp) {
            Log.warnf("Lost Redis (%s); reconnecting", cause.getMessage());
            listener.down(cause);
        } else {
            Log.debugf("Redis not reachable (%s); retrying in %d ms", cause.getMessage(), pause);
        }
        long wait = pause;
        pause = Math.min(pause * 2, MAX_PAUSE_MS);
        vertx.setTimer(wait, id -> context.runOnContext(v -> connect()));
    }

    private void closeAll() {
        if (bus != null) {
            RedisConnection subscribed = bus;
            // A pooled connection goes back to the pool on close: it must not stay subscribed.
            subscribed.send(Request.cmd(Command.UNSUBSCRIBE)).onComplete(ar -> subscribed.close());
        }
        if (lane != null) {
            lane.close();
        }
        bus = null;
        lane = null;
    }

    private void onPush(Response response) {
        if (response == null || (response.type() != ResponseType.PUSH && response.type() != ResponseType.MULTI)
                || response.size() < 3 || !"message".equals(response.get(0).toString())) {
            return; // subscribe confirmations and the like
        }
        try {
            messages.accept(response.get(2).toString());
        } catch (RuntimeException e) {
            Log.errorf(e, "Could not handle a message from the node bus");
        }
    }
}
