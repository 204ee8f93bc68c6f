package dev.signaling.edge;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Keeps what every idle WebSocket costs small. WebSockets Next gives each connection a Mutiny MPSC queue (its
 * {@code ConcurrencyLimiter}, where callbacks wait while an earlier one of the same connection still runs) whose
 * first chunk has {@link Infrastructure#getBufferSizeS()} slots: 256 by default, about 1 KiB per connection, a tenth
 * of the heap an idle connection holds (docs/benchmarks.md, "Memory model"). Our callbacks are non-blocking and
 * finish within the event-loop task that runs them, so that queue is almost always empty (the frames that wait
 * for their callback wait in the event loop's own task queue, see {@link ReadBackpressure}); 16 slots (Mutiny's
 * minimum) is plenty, and the queue is unbounded, so a burst only links another chunk. Nothing else in this application
 * sizes a buffer from that setting (it also sizes {@code Multi.emitOn} prefetch and the default
 * {@code merge()} concurrency, neither of which runs here). An explicit {@code -Dmutiny.buffer-size.s} still wins.
 */
@ApplicationScoped
public class ConnectionFootprint {
    static final int QUEUE_CHUNK = 16;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        Infrastructure.setBufferSizeS(QUEUE_CHUNK);
    }
}
