package dev.signaling.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Sends a fixed number of messages per second from one event loop, whether or not answers come back (open
 * loop). Message {@code j} is due at {@code start + j / rate}; each carries its due time, so when the server or
 * this loop falls behind, the wait counts as latency instead of silently lowering the rate (no coordinated
 * omission). How late the loop itself sends is recorded as send lag, to tell the two apart.
 */
final class Pacer {

    /** Who sends what to whom: a directed message, or a broadcast to a room when {@code to} is null. */
    record Route(Client from, Client to, int room, String roomName, int recipients, Dialect.Kind kind) {
    }

    private final Vertx vertx;
    private final Context loop;
    private final List<Route> routes;
    private final double perSecond;
    private final String padding;
    private final Ledger ledger;
    private long startNanos;
    private long sent;
    private long timer = -1;
    private volatile boolean running;

    Pacer(Vertx vertx, Context loop, List<Route> routes, double perSecond, String padding, Ledger ledger) {
        this.vertx = vertx;
        this.loop = loop;
        this.routes = routes;
        this.perSecond = perSecond;
        this.padding = padding;
        this.ledger = ledger;
    }

    void start(long startNanos) {
        if (routes.isEmpty() || perSecond <= 0) {
            return;
        }
        this.startNanos = startNanos;
        running = true;
        // Vert.x timers tick at most once a millisecond; each tick sends everything that fell due since the last.
        loop.runOnContext(v -> timer = vertx.setPeriodic(1, id -> tick()));
    }

    void stop() {
        running = false;
        loop.runOnContext(v -> vertx.cancelTimer(timer));
    }

    private void tick() {
        long now = System.nanoTime();
        StringBuilder scratch = Scenario.scratch();
        while (running) {
            long due = startNanos + (long) (sent * 1e9 / perSecond);
            if (due > now) {
                return;
            }
            Route r = routes.get((int) (sent % routes.size()));
            r.from().relay(r.kind(), r.to(), r.room(), r.roomName(), r.recipients(), due, 0, padding, scratch);
            if (ledger.measuring()) {
                ledger.sendLag.recordValue(Math.max(0, System.nanoTime() - due));
            }
            sent++;
        }
    }
}
