package dev.signaling.router.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;

/**
 * The operations of this instance still waiting for their acknowledgement from the bus, by operation id. One that
 * waits longer than the operation timeout fails with {@code unavailable}. A single periodic sweep finds those,
 * instead of a timer per operation: a relay is an operation, and at a few thousand relays a second one Vert.x timer
 * each (scheduled, kept in a heap for the whole timeout, fired to find nothing left to do) was 5–7 % of an
 * instance's CPU samples, and the cluster's p99 fell by half or more without them (docs/benchmarks.md, item 19).
 * The sweep runs every tenth of the timeout, so an operation gives up between 1 and 1.1 timeouts after it was sent.
 */
final class PendingOps {
    /** An operation's result, and when it stops waiting (in {@link System#nanoTime} time). */
    private static final class Op extends CompletableFuture<String> {
        final long deadline;

        Op(long deadline) {
            this.deadline = deadline;
        }
    }

    private final Vertx vertx;
    private final long timeoutNanos;
    private final long timeoutMillis;
    private final Map<Long, Op> waiting = new ConcurrentHashMap<>();
    private volatile long sweeper = -1;

    PendingOps(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeoutNanos = timeout.toNanos();
        this.timeoutMillis = timeout.toMillis();
    }

    void start() {
        sweeper = vertx.setPeriodic(Math.max(10, timeoutMillis / 10), id -> expire(System.nanoTime()));
    }

    void stop() {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
    }

    /** Starts waiting for operation {@code id}; the future completes with its result, or fails. */
    CompletableFuture<String> open(long id) {
        Op op = new Op(System.nanoTime() + timeoutNanos);
        waiting.put(id, op);
        return op;
    }

    /** Operation {@code id} finished (nothing happens if it had failed or timed out meanwhile). */
    void complete(long id, String result) {
        Op op = waiting.remove(id);
        if (op != null) {
            op.complete(result);
        }
    }

    /** Operation {@code id} could not be sent or was refused. */
    void fail(long id, Throwable failure) {
        Op op = waiting.remove(id);
        if (op != null) {
            op.completeExceptionally(failure);
        }
    }

    /** Every waiting operation fails (the link to Redis is gone: their acknowledgements will never come). */
    void failAll(Throwable cause) {
        for (Long id : waiting.keySet()) {
            fail(id, RedisLink.unavailable(cause));
        }
    }

    /** Fails every operation whose deadline is past {@code now}. */
    private void expire(long now) {
        for (Map.Entry<Long, Op> entry : waiting.entrySet()) {
            Op op = entry.getValue();
            if (now - op.deadline >= 0 && waiting.remove(entry.getKey(), op)) {
                op.completeExceptionally(RedisLink.unavailable(
                        new TimeoutException("no answer within " + timeoutMillis + " ms")));
            }
        }
    }
}
