package dev.signaling.lifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Event;
import dev.signaling.edge.LiveConnections;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * Graceful shutdown. On SIGTERM Quarkus first waits {@code quarkus.shutdown.delay} (the drain grace): from its
 * start this instance reports not-ready (so the load balancer stops sending new clients), refuses new connections
 * with 503, and tells every client to reconnect elsewhere after a random pause (so they do not all arrive at once).
 * Just before the grace is over, every socket still open is closed with 1001 (WebSockets Next would otherwise close
 * them with a plain 1000 as the server stops).
 */
@ApplicationScoped
public class Drain {
    /** Close code for the connections still open when the instance stops (RFC 6455 1001, "going away"). */
    public static final int GOING_AWAY = 1001;
    /** How long before the end of the grace the sockets are closed, for the close frames to go out. */
    private static final Duration CLOSE_AHEAD = Duration.ofMillis(500);
    /** How long shutdown waits for the close frames to be written when there was no grace. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final LiveConnections live;
    private final Vertx vertx;
    private final Duration reconnectSpread;
    private final Duration grace;
    private volatile boolean draining;

    Drain(LiveConnections live, Vertx vertx, SignalingConfig config,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> grace) {
        this.live = live;
        this.vertx = vertx;
        this.reconnectSpread = config.drain().reconnectSpread();
        this.grace = grace.orElse(Duration.ZERO);
    }

    /** Whether this instance is shutting down (readiness DOWN, new connections refused). */
    public boolean isDraining() {
        return draining;
    }

    void onGraceStarted(@Observes ShutdownDelayInitiatedEvent event) {
        begin();
        long closeAfter = Math.max(1, grace.minus(CLOSE_AHEAD).toMillis());
        vertx.setTimer(closeAfter, id -> {
            Log.infof("Grace over: closing %d connections (1001)", live.count());
            live.closeAll(GOING_AWAY, "server shutting down");
        });
    }

    /** Without a grace (dev mode, tests, or the delay switched off) this is the only chance to say goodbye. */
    void onShutdown(@Observes ShutdownEvent event) {
        begin();
        if (live.count() > 0) {
            live.closeAll(GOING_AWAY, "server shutting down", CLOSE_WAIT);
        }
    }

    private synchronized void begin() {
        if (draining) {
            return;
        }
        draining = true;
        Log.infof("Draining: not ready, refusing new connections, asking %d clients to reconnect", live.count());
        live.tellEveryone(() -> new Event.Draining(
                ThreadLocalRandom.current().nextLong(reconnectSpread.toMillis() + 1)));
    }
}
