package dev.signaling.router.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

import io.vertx.core.Vertx;

/**
 * The operations of this instance still waiting for their acknowledgement from the bus, by operation id. One that
 * waits longer than the operation timeout fails with {@code unavailable}. A single periodic sweep finds those,
 * instead of a timer per operation: a relay is an operation, and at a few thousand relays a second one Vert.x timer
 * each (scheduled, kept in a heap for the whole timeout, fired to find nothing left to do) was 5–7 % of an
 * instance's CPU samples, and the cluster's p99 fell by half or more without them (docs/benchmarks.md, item 19).
 * The sweep runs every tenth of the timeout, so an operation gives up between 1 and 1.1 timeouts after it was sent.
 *
 * <p>Giving up does not stop Redis from running an operation already sent: its answer may still come. An operation
 * opened with a {@code late} handler keeps its place after it timed out, and the handler gets that late answer, so
 * the instance can catch up with what Redis did (see {@link RedisRouter}). Once the answer is on its way (the
 * operation was {@link #claim claimed}), the operation no longer times out: its client is not told it failed a
 * moment after being told it succeeded.
 */
final class PendingOps {
    /** An operation's result, and when it stops waiting (in {@link System#nanoTime} time). */
    private static final class Op extends CompletableFuture<String> {
        static final int WAITING = 0;
        static final int CLAIMED = 1;
        static final int TIMED_OUT = 2;
        private static final AtomicIntegerFieldUpdater<Op> STATE =
                AtomicIntegerFieldUpdater.newUpdater(Op.class, "state");

        final long deadline;
        /** Gets the answer if it comes after the operation timed out; null when nothing needs it then. */
        final Consumer<String> late;
        /** Claiming and timing out race (bus thread, sweep thread): exactly one of them wins. */
        volatile int state = WAITING;

        Op(long deadline, Consumer<String> late) {
            this.deadline = deadline;
            this.late = late;
        }

        boolean move(int to) {
            return STATE.compareAndSet(this, WAITING, to);
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
        return open(id, null);
    }

    /** As {@link #open(long)}; if the answer comes after the operation timed out, it goes to {@code late}. */
    CompletableFuture<String> open(long id, Consumer<String> late) {
        Op op = new Op(System.nanoTime() + timeoutNanos, late);
        waiting.put(id, op);
        return op;
    }

    /**
     * The answer to operation {@code id} is arriving (the first of its messages is here): from now on it waits for
     * that answer without a deadline. False if it had timed out already.
     */
    boolean claim(long id) {
        Op op = waiting.get(id);
        return op != null && (op.move(Op.CLAIMED) || op.state == Op.CLAIMED);
    }

    /** Operation {@code id} finished: its future completes, or, if it had timed out, its late handler runs. */
    void complete(long id, String result) {
        Op op = waiting.remove(id);
        if (op == null) {
            return;
        }
        if (op.move(Op.CLAIMED) || op.state == Op.CLAIMED) {
            op.complete(result);
        } else if (op.late != null) {
            op.late.accept(result);
        }
    }

    /**
     * Operation {@code id} could not be sent or was refused: its future fails (unless it timed out already) and its
     * late handler, if any, is forgotten. False if no such operation was waiting.
     */
    boolean fail(long id, Throwable failure) {
        Op op = waiting.remove(id);
        if (op == null) {
            return false;
        }
        op.completeExceptionally(failure);
        return true;
    }

    /**
     * Every operation fails, late ones are forgotten: the link to Redis is gone, their acknowledgements will never
     * come, and the resync that follows makes Redis match what this instance holds.
     */
    void failAll(Throwable cause) {
        for (Long id : waiting.keySet()) {
            fail(id, RedisLink.unavailable(cause));
        }
    }

    /** Whether operation {@code id} still waits for its answer (a late one included). */
    boolean isWaiting(long id) {
        return waiting.containsKey(id);
    }

    /** Operations waiting for an answer, late ones included. */
    int size() {
        return waiting.size();
    }

    /** Fails every operation whose deadline is past {@code now}, unless its answer is already arriving. */
    void expire(long now) {
        for (Map.Entry<Long, Op> entry : waiting.entrySet()) {
            Op op = entry.getValue();
            if (now - op.deadline >= 0 && op.move(Op.TIMED_OUT)) {
                if (op.late == null) {
                    waiting.remove(entry.getKey(), op);
                }
                op.completeExceptionally(RedisLink.unavailable(
                        new TimeoutException("no answer within " + timeoutMillis + " ms")));
            }
        }
    }
}
