package dev.signaling.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One way of loading the server ({@code --mode}). A scenario sets up its clients on the {@link Fleet}, drives
 * them, and returns its own figures; the {@link Ledger} (loss, errors, latency) and process figures are added by
 * {@link LoadGen}.
 */
abstract class Scenario {

    static Scenario named(String mode) {
        return switch (mode) {
            case "pingpong" -> new PingPong();
            case "rate" -> new FixedRate.Pairs();
            case "fanout" -> new FixedRate.FanOut();
            case "rooms" -> new ManyRooms();
            case "idle" -> new Idle();
            case "churn" -> new Churn();
            default -> throw new IllegalArgumentException(
                    "--mode must be pingpong, rate, fanout, rooms, idle or churn, not " + mode);
        };
    }

    /** Runs the scenario; {@code server} is null when no {@code --server-pid} was given. */
    abstract Map<String, Object> run(Fleet fleet, ProcessProbe server) throws Exception;

    private static final ThreadLocal<StringBuilder> SCRATCH = ThreadLocal.withInitial(() -> new StringBuilder(1024));

    /** A frame buffer for the calling event loop (each client only ever runs on its own loop). */
    static StringBuilder scratch() {
        return SCRATCH.get();
    }

    static String padding(int bytes) {
        return "x".repeat(Math.max(0, bytes));
    }

    /** Two clients alone in a room of their own (a call), each expecting messages only from the other. */
    record Pair(Client a, Client b, int room, String roomName) {
    }

    static List<Pair> pairs(Fleet fleet, int count, int firstIndex) {
        List<Pair> pairs = new ArrayList<>(count);
        boolean rooms = !(fleet.dialect instanceof LoginDialect);
        for (int i = 0; i < count; i++) {
            String roomName = "p" + fleet.runTag + "-" + i;
            List<String> roomList = rooms ? List.of(roomName) : List.of();
            Set<Integer> roomIndex = rooms ? Set.of(i) : Set.of();
            Client a = fleet.client(firstIndex + 2 * i, roomList, roomIndex);
            Client b = fleet.client(firstIndex + 2 * i + 1, roomList, roomIndex);
            a.partners(Set.of(b.index()));
            b.partners(Set.of(a.index()));
            pairs.add(new Pair(a, b, i, roomName));
        }
        return pairs;
    }

    static List<Client> members(List<Pair> pairs) {
        List<Client> all = new ArrayList<>(pairs.size() * 2);
        for (Pair p : pairs) {
            all.add(p.a());
            all.add(p.b());
        }
        return all;
    }

    /** Connects the clients and fails the run when not all of them got ready: figures for half a fleet mislead. */
    static void connectOrFail(Fleet fleet, List<Client> clients) throws InterruptedException, SetupFailed {
        List<Client> ready = fleet.connectAll(clients);
        if (ready.size() != clients.size()) {
            throw new SetupFailed(ready.size() + " of " + clients.size() + " clients got ready");
        }
    }

    static final class SetupFailed extends Exception {
        SetupFailed(String message) {
            super(message);
        }
    }

    static void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * Traffic already runs: lets it warm up, then measures for the duration. Returns what the server and the
     * load generator spent inside the window.
     */
    static Map<String, Object> measure(Fleet fleet, ProcessProbe server) {
        Options o = fleet.options;
        pause(TimeUnit.SECONDS.toNanos(o.warmup()));
        ProcessProbe self = ProcessProbe.self();
        double serverCpu0 = server == null ? Double.NaN : server.cpuSeconds();
        double selfCpu0 = self.cpuSeconds();
        double softirq0 = ProcessProbe.softirqSeconds();
        double steal0 = ProcessProbe.stealSeconds();
        long t0 = System.nanoTime();
        fleet.ledger.measuring(true);
        pause(TimeUnit.SECONDS.toNanos(o.duration()));
        fleet.ledger.measuring(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("seconds", seconds);
        if (server != null) {
            double cpu = server.cpuSeconds() - serverCpu0;
            window.put("serverCpuSec", cpu);
            window.put("serverCpuPct", 100 * cpu / seconds);
            window.put("serverRssKb", server.rssKb());
        }
        double selfCpu = self.cpuSeconds() - selfCpu0;
        window.put("loadgenCpuSec", selfCpu);
        window.put("loadgenCpuPct", 100 * selfCpu / seconds);
        window.put("softirqPct", 100 * (ProcessProbe.softirqSeconds() - softirq0) / seconds);
        window.put("stealPct", 100 * (ProcessProbe.stealSeconds() - steal0) / seconds);
        return window;
    }

    /** After the traffic stopped: waits until everything owed arrived, or {@code --drain} seconds passed. */
    static void drain(Fleet fleet) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(fleet.options.drain());
        while (fleet.ledger.lost() > 0 && System.nanoTime() < deadline) {
            pause(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Server CPU per 100,000 deliveries: the efficiency figure that does not depend on who saturated first. */
    static void perHundredThousand(Map<String, Object> window, long deliveries) {
        Object cpu = window.get("serverCpuSec");
        if (cpu instanceof Double c && deliveries > 0) {
            window.put("serverCpuSecPer100k", c * 100_000 / deliveries);
        }
        Object self = window.get("loadgenCpuSec");
        if (self instanceof Double c && deliveries > 0) {
            window.put("loadgenCpuSecPer100k", c * 100_000 / deliveries);
        }
    }
}
