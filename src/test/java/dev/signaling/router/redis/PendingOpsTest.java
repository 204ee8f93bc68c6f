package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;
import io.vertx.core.Vertx;

/**
 * An operation either gets its answer or times out, exactly one of the two; an answer that comes after the timeout
 * goes to the operation's late handler; and once an answer is arriving (claimed) the operation no longer times out.
 * The sweep is driven by hand here, with a clock far past every deadline.
 */
class PendingOpsTest {
    private static final long LONG_AFTER = System.nanoTime() + Duration.ofHours(1).toNanos();

    private final Vertx vertx = Vertx.vertx();
    private final PendingOps pending = new PendingOps(vertx, Duration.ofSeconds(1));
    private final List<String> late = new ArrayList<>();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void anAnswerInTimeCompletesTheOperationAndTheSweepLeavesItAlone() {
        CompletableFuture<String> op = pending.open(1, late::add);
        pending.complete(1, "JOINED");
        pending.expire(LONG_AFTER);
        assertThat(op).isCompletedWithValue("JOINED");
        assertThat(late).isEmpty();
        assertThat(pending.size()).isZero();
    }

    @Test
    void anAnswerAfterTheTimeoutGoesToTheLateHandlerOnly() {
        CompletableFuture<String> op = pending.open(1, late::add);
        pending.expire(LONG_AFTER);
        assertTimedOut(op);
        assertThat(pending.size()).isOne(); // kept for its late answer

        pending.complete(1, "JOINED");
        assertThat(late).containsExactly("JOINED");
        assertThat(pending.size()).isZero();
        pending.complete(1, "JOINED"); // a duplicate finds nothing
        assertThat(late).containsExactly("JOINED");
    }

    @Test
    void anOperationWithoutALateHandlerIsForgottenWhenItTimesOut() {
        CompletableFuture<String> op = pending.open(1);
        pending.expire(LONG_AFTER);
        assertTimedOut(op);
        assertThat(pending.size()).isZero();
        pending.complete(1, "DELIVERED:1");
        assertTimedOut(op);
    }

    @Test
    void aClaimedOperationNoLongerTimesOut() {
        CompletableFuture<String> op = pending.open(1, late::add);
        assertThat(pending.claim(1)).isTrue();
        pending.expire(LONG_AFTER);
        assertThat(op).isNotDone();

        pending.complete(1, "JOINED");
        assertThat(op).isCompletedWithValue("JOINED");
        assertThat(late).isEmpty();
    }

    @Test
    void anOperationThatTimedOutCannotBeClaimed() {
        CompletableFuture<String> op = pending.open(1, late::add);
        pending.expire(LONG_AFTER);
        assertThat(pending.claim(1)).isFalse();
        assertThat(pending.claim(2)).isFalse(); // never opened
        pending.complete(1, "JOINED");
        assertTimedOut(op);
        assertThat(late).containsExactly("JOINED");
    }

    @Test
    void losingTheLinkFailsEveryOperationAndForgetsTheLateOnes() {
        CompletableFuture<String> waiting = pending.open(1, late::add);
        CompletableFuture<String> timedOut = pending.open(2, late::add);
        pending.expire(LONG_AFTER);
        CompletableFuture<String> fresh = pending.open(3, late::add);
        pending.failAll(new IllegalStateException("connection closed"));

        assertTimedOut(waiting);
        assertTimedOut(timedOut);
        assertThat(fresh).isCompletedExceptionally();
        assertThat(pending.size()).isZero();
        pending.complete(2, "JOINED");
        assertThat(late).isEmpty();
    }

    private static void assertTimedOut(CompletableFuture<String> op) {
        assertThat(op).isCompletedExceptionally();
        Throwable failure = op.handle((result, e) -> e).join();
        assertThat(failure).isInstanceOf(SignalingException.class).hasMessageContaining("no answer within 1000 ms");
        assertThat(((SignalingException) failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }
}
