package dev.signaling.core;

import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.signaling.config.SignalingConfig;

/**
 * What the outboxes of all peers of this instance together may hold: frames handed to a socket (or to a Socket.IO
 * session's queue) and not yet written. Each outbox has its own budget too, but that one alone does not bound the
 * process: 16,000 connections may each hold 4 MiB. When the server falls behind (a burst of large frames, or
 * CPU starved) every busy connection builds a backlog at once, and without this budget the process grows until
 * it runs out of heap or the container's limit kills it, dropping every client. Past the budget an outbox with
 * a backlog gives up on its peer as a slow consumer, which frees what it holds; healthy connections (a few frames
 * waiting at most) keep going.
 *
 * <p>A singleton rather than an application-scoped bean: it is called twice per frame, and a client proxy would
 * add a call on that path.
 */
@Singleton
public class OutboxBudget {
    /**
     * Roughly what a queued frame costs beyond its text: Netty's outbound entry and buffer header, Vert.x's write
     * promise and our completion subscriber. Counted so that many small frames are not taken for free.
     */
    static final int FRAME_OVERHEAD = 256;
    /**
     * Bytes held per character of a queued frame: its text, one byte a character for the ASCII of JSON, which
     * WebSockets Next's {@code sendText} keeps until the write completes (its completion callbacks capture it), and
     * the encoded copy Vert.x writes.
     */
    static final int BYTES_PER_CHAR = 2;
    /**
     * A connection's first frames waiting are neither counted nor checked here. A healthy connection never has
     * more (eight in flight is what a busy pingpong pair has), so the shared counter stays off the path of every
     * frame: touched by every frame, it cost 6-10 % of login pingpong (docs/benchmarks.md, item 23).
     */
    public static final int FREE_FRAMES = 8;

    /** Added to from every event loop, twice per frame: a LongAdder keeps them off one contended cache line. */
    private final LongAdder held = new LongAdder();
    private final long limit;

    @Inject
    OutboxBudget(SignalingConfig config) {
        // An eighth: the idle connections themselves may hold half of a container-sized heap (docs/benchmarks.md,
        // item 23).
        this(config.outbox().maxTotalBytes().orElse(Runtime.getRuntime().maxMemory() / 8));
    }

    public OutboxBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Counts a frame of {@code chars} characters that found {@code waiting} frames before it, unless it is one of
     * the {@link #FREE_FRAMES}; true if it was counted (then give it back once written or dropped).
     */
    public boolean take(int waiting, int chars) {
        if (waiting < FREE_FRAMES) {
            return false;
        }
        held.add(cost(chars, 1));
        return true;
    }

    /** Gives back {@code frames} frames of {@code chars} characters in all, written or dropped. */
    public void giveBack(long chars, int frames) {
        held.add(-cost(chars, frames));
    }

    private static long cost(long chars, int frames) {
        return chars * BYTES_PER_CHAR + (long) frames * FRAME_OVERHEAD;
    }

    /**
     * Whether an outbox that already holds {@code messages} frames of {@code chars} characters, out of its own
     * budget of {@code maxMessages} and {@code maxChars}, should give up on its peer. Never while this budget
     * lasts, and never for an outbox with fewer than {@link #FREE_FRAMES} waiting: a healthy client is not closed
     * for others' backlogs. Past the budget the heavy backlogs go first (a sixteenth of their own budget: 64 frames
     * or 256 KiB by default), as they hold the memory; past twice the budget every backlog goes, since then the
     * server itself cannot keep up (CPU starved, every busy connection a little behind).
     */
    public boolean shouldShed(int messages, long chars, int maxMessages, long maxChars) {
        if (messages < FREE_FRAMES) {
            return false; // the common case, without summing the adder
        }
        long now = held.sum();
        if (now <= limit) {
            return false;
        }
        return now > 2 * limit || messages >= maxMessages / 16 || chars >= maxChars / 16;
    }

    /** What all outboxes hold now, in bytes as counted here (two a character plus 256 a frame). */
    public long held() {
        return held.sum();
    }

    public long limit() {
        return limit;
    }
}
