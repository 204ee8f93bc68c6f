package dev.signaling.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * People arriving and leaving: {@code --rate} times a second a new client connects, joins (or logs in), and
 * closes as soon as it is in. Where the protocol announces presence (signal, socketio), ten watchers sit in the
 * churn rooms and must hear exactly one arrival and one departure per cycle: a missing leave is a ghost peer.
 * Each watcher has a silent twin in its room, because a Socket.IO client alone in a room cannot tell it is in.
 * Reports cycles per second, connect-to-ready latency (after {@code --warmup} seconds of cycles, so the first
 * connections' class loading and compilation are not counted), and the server's memory before and after.
 */
final class Churn extends Scenario {

    private static final int WATCHERS = 10;
    private static final int FIRST_CHURNER = 1_000_000;

    @Override
    Map<String, Object> run(Fleet fleet, ProcessProbe server) throws Exception {
        Options o = fleet.options;
        boolean presence = !(fleet.dialect instanceof LoginDialect);
        AtomicLong arrivals = new AtomicLong();
        AtomicLong departures = new AtomicLong();
        // Churners have indexes from FIRST_CHURNER up (seven digits), watchers and twins below 100.
        java.util.regex.Pattern churnerName = java.util.regex.Pattern.compile("\"c" + fleet.runTag + "-\\d{7}\"");
        List<Client> watchers = new ArrayList<>();
        if (presence) {
            for (int w = 0; w < WATCHERS; w++) {
                Client watcher = fleet.client(2 * w, List.of(roomName(fleet, w)), Set.of(w));
                watcher.onPresence((delta, frame) -> {
                    if (delta < 0) {
                        departures.incrementAndGet(); // only churners leave while we count
                    } else if (churnerName.matcher(frame).find()) {
                        arrivals.incrementAndGet(); // not the twin's arrival, which may be seen late
                    }
                });
                watchers.add(watcher);
                watchers.add(fleet.client(2 * w + 1, List.of(roomName(fleet, w)), Set.of(w)));
            }
            connectOrFail(fleet, watchers);
        }
        long rssBefore = server == null ? 0 : server.rssKb();
        double serverCpu0 = server == null ? Double.NaN : server.cpuSeconds();

        Semaphore slots = new Semaphore(o.connectConcurrency());
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<Void>> cycles = new ArrayList<>();
        long warmupCycles = (long) o.rate() * o.warmup();
        long total = warmupCycles + (long) o.rate() * o.duration();
        long start = System.nanoTime();
        for (long k = 0; k < total; k++) {
            if (k == warmupCycles) {
                fleet.ledger.measuring(true);
            }
            long due = start + (long) (k * 1e9 / o.rate());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                pause(wait);
            }
            if (!slots.tryAcquire(o.setupTimeout(), TimeUnit.SECONDS)) {
                fleet.ledger.error("setup-timeout", "no cycle finished within " + o.setupTimeout() + " s");
                break;
            }
            int w = (int) (k % WATCHERS);
            Client churner = fleet.client(FIRST_CHURNER + (int) k, List.of(roomName(fleet, w)), Set.of(w));
            cycles.add(fleet.connect(churner)
                    .thenCompose(ready -> {
                        churner.close();
                        return churner.closed();
                    })
                    .whenComplete((ok, error) -> {
                        (error == null ? completed : failed).incrementAndGet();
                        slots.release();
                    }));
        }
        try {
            CompletableFuture.allOf(cycles.toArray(CompletableFuture[]::new)).get(o.setupTimeout(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // counted per cycle
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        fleet.ledger.measuring(false);
        if (presence) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drain());
            while ((arrivals.get() < completed.get() || departures.get() < completed.get())
                    && System.nanoTime() < deadline) {
                pause(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cycles", completed.get());
        out.put("failedCycles", failed.get());
        out.put("cyclesPerSec", completed.get() / seconds);
        if (presence) {
            out.put("arrivalsSeen", arrivals.get());
            out.put("departuresSeen", departures.get());
            if (arrivals.get() != completed.get() || departures.get() != completed.get()) {
                fleet.ledger.error("presence", "cycles " + completed.get() + ", arrivals seen " + arrivals.get()
                        + ", departures seen " + departures.get());
            }
        }
        if (server != null) {
            out.put("serverCpuMillisPerCycle", (server.cpuSeconds() - serverCpu0) * 1000 / Math.max(1, completed.get()));
            out.put("serverRssKbBefore", rssBefore);
            out.put("serverRssKbAfter", server.rssKb());
        }
        if (failed.get() > 0) {
            fleet.ledger.error("churn-failed", failed.get() + " cycles failed");
        }
        return out;
    }

    private static String roomName(Fleet fleet, int watcher) {
        return "churn" + fleet.runTag + "-" + watcher;
    }
}
