package dev.signaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared outbox budget: what it counts, and whom it gives up on once spent. */
class OutboxBudgetTest {
    // an outbox's own budget, as in the defaults: a sixteenth is 64 frames or 256 KiB
    static final int MAX_MESSAGES = 1024;
    static final long MAX_CHARS = 4 * 1024 * 1024;

    @Test
    void framesAreCountedWithTheirOverheadAndGivenBackExactly() {
        OutboxBudget budget = new OutboxBudget(1_000_000);
        assertThat(budget.take(OutboxBudget.FREE_FRAMES - 1, 100)).as("a free frame").isFalse();
        assertThat(budget.held()).isZero();
        budget.take(OutboxBudget.FREE_FRAMES, 100);
        budget.take(OutboxBudget.FREE_FRAMES, 50);
        assertThat(budget.held()).isEqualTo(150L * OutboxBudget.BYTES_PER_CHAR + 2L * OutboxBudget.FRAME_OVERHEAD);
        budget.giveBack(100, 1);
        budget.giveBack(50, 1);
        assertThat(budget.held()).isZero();
        budget.giveBack(0, 0); // an empty queue cleared
        assertThat(budget.held()).isZero();
    }

    @Test
    void nobodyIsShedWhileTheBudgetLasts() {
        OutboxBudget budget = new OutboxBudget(10_000);
        // exactly the budget
        budget.take(OutboxBudget.FREE_FRAMES, (10_000 - OutboxBudget.FRAME_OVERHEAD) / OutboxBudget.BYTES_PER_CHAR);
        assertThat(budget.shouldShed(MAX_MESSAGES - 1, MAX_CHARS - 1, MAX_MESSAGES, MAX_CHARS)).isFalse();
    }

    @Test
    void pastTheBudgetOnlyHeavyBacklogsAreShedAndNeverAnOutboxWithItsFreeFramesOnly() {
        OutboxBudget budget = new OutboxBudget(10_000);
        budget.take(OutboxBudget.FREE_FRAMES, 7_500);
        assertThat(budget.shouldShed(0, 0, MAX_MESSAGES, MAX_CHARS)).as("nothing waiting").isFalse();
        assertThat(budget.shouldShed(OutboxBudget.FREE_FRAMES - 1, 1_000_000, MAX_MESSAGES, MAX_CHARS))
                .as("only free frames waiting, however large").isFalse();
        assertThat(budget.shouldShed(63, 63 * 200, MAX_MESSAGES, MAX_CHARS)).as("a light backlog").isFalse();
        assertThat(budget.shouldShed(64, 64 * 200, MAX_MESSAGES, MAX_CHARS)).as("64 frames").isTrue();
        assertThat(budget.shouldShed(OutboxBudget.FREE_FRAMES, 256 * 1024, MAX_MESSAGES, MAX_CHARS)).as("256 KiB")
                .isTrue();
    }

    @Test
    void pastTwiceTheBudgetAnyBacklogBeyondTheFreeFramesIsShed() {
        OutboxBudget budget = new OutboxBudget(10_000);
        budget.take(OutboxBudget.FREE_FRAMES, 10_001);
        int backlog = OutboxBudget.FREE_FRAMES;
        assertThat(budget.shouldShed(backlog, 200, MAX_MESSAGES, MAX_CHARS)).isTrue();
        assertThat(budget.shouldShed(backlog - 1, 200, MAX_MESSAGES, MAX_CHARS)).isFalse();
        budget.giveBack(10_001, 1);
        assertThat(budget.shouldShed(backlog, 200, MAX_MESSAGES, MAX_CHARS)).as("given back").isFalse();
    }
}
