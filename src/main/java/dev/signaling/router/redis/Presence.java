package dev.signaling.router.redis;

import java.util.concurrent.CompletableFuture;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;

/**
 * The heartbeat and the reaper, one timer: every interval this instance refreshes its heartbeat key (which expires
 * after the instance TTL) and reaps every other instance whose heartbeat expired, so that their peers leave every
 * room and the others are told. A crashed instance's peers are therefore gone within TTL + interval. If the
 * heartbeat had expired (this instance was cut off longer than the TTL and may have been reaped), the router
 * starts over as after a lost connection, and restores its peers. So it does when nothing came on its channel for an
 * instance TTL: each reap is acknowledged there, so that silence means the subscription is broken.
 */
final class Presence {
    private final Vertx vertx;
    private final RedisRouter router;
    private final long intervalMs;
    private long timer = -1;

    Presence(Vertx vertx, RedisRouter router, RedisSettings settings) {
        this.vertx = vertx;
        this.router = router;
        this.intervalMs = settings.heartbeatInterval().toMillis();
    }

    void start() {
        timer = vertx.setPeriodic(intervalMs, id -> tick());
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void tick() {
        if (!router.isReady()) {
            return; // the link reconnects on its own and resyncs, which beats
        }
        if (router.busSilentTooLong()) {
            // Every tick's reap is acknowledged on the bus, so a bus silent this long is broken (a network that lost
            // that one connection, say) even though Redis answers the lane: every operation would time out. (The
            // link logs why it reconnects.)
            router.startOver("our channel brought nothing for an instance TTL");
            return;
        }
        router.beat().thenCompose(result -> {
            if ("FRESH".equals(result)) {
                router.startOver("our heartbeat had expired");
                return CompletableFuture.completedFuture(result);
            }
            return router.reap();
        }).whenComplete((ok, failure) -> {
            if (failure != null) {
                Log.debugf("Heartbeat failed: %s", failure.getMessage());
            }
        });
    }
}
