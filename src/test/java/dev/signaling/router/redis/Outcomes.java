package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.AbstractStringAssert;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;

/** What the Redis tests expect of a router's operation: done within 10 s, or refused with {@code unavailable}. */
final class Outcomes {
    private Outcomes() {
    }

    /** The operation's result, once it completed (10 s at most). */
    static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Asserts the operation failed (within 10 s) with {@code unavailable}; its message, for further checks. */
    static AbstractStringAssert<?> assertUnavailable(CompletionStage<?> operation) {
        Throwable failure = catchThrowable(() -> operation.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(SignalingException.class);
        SignalingException refused = (SignalingException) failure.getCause();
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        return assertThat(refused.getMessage());
    }
}
