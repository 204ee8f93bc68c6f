package dev.signaling.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The load generator's entry point: runs one scenario against one server and prints a human summary on stderr
 * and one {@code RESULT {json}} line on stdout. Exits 1 when any message was lost, duplicated, reordered or
 * misdelivered, or any error happened, so a script can trust a 0.
 *
 * <pre>
 * java -jar bench/loadgen/target/loadgen.jar --proto signal|login|socketio --url ws://127.0.0.1:8080/signal[,ws://..]
 *      --mode pingpong|rate|fanout|rooms|idle|churn [options, see Options]
 * </pre>
 */
public final class LoadGen {

    private LoadGen() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> result;
        try {
            result = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception | Error e) {
            // Exits rather than leaving the client threads running with nothing left to stop them.
            System.err.println("loadgen: the run failed");
            e.printStackTrace();
            System.exit(3);
            return;
        }
        System.err.println(humanSummary(result));
        System.out.println("RESULT " + Json.write(result));
        System.out.flush();
        System.exit(Boolean.TRUE.equals(result.get("clean")) ? 0 : 1);
    }

    /**
     * Runs one scenario and returns its result ({@code clean} says whether every message arrived exactly once, in
     * order, to the right client, with no error). Bad options throw IllegalArgumentException before anything starts.
     */
    public static Map<String, Object> run(String[] args) throws Exception {
        Options options = Options.parse(args);
        Scenario scenario = Scenario.named(options.mode());
        ProcessProbe server = options.serverPid() > 0 ? new ProcessProbe(options.serverPid()) : null;
        if (server != null) {
            server.startSampling();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("proto", options.proto());
        result.put("mode", options.mode());
        result.put("label", options.label());
        result.put("args", String.join(" ", args));

        try (Fleet fleet = new Fleet(options)) {
            result.put("loadgenThreads", options.threads());
            result.put("nativeTransport", fleet.nativeTransport());
            boolean setupFailed = false;
            try {
                result.putAll(scenario.run(fleet, server));
            } catch (Scenario.SetupFailed | IllegalArgumentException e) {
                fleet.ledger.error("setup", e.getMessage());
                result.put("setupFailed", e.getMessage());
                setupFailed = true;
            }
            Ledger l = fleet.ledger;
            result.put("owed", l.owed.sum());
            result.put("delivered", l.delivered.sum());
            result.put("lost", l.lost());
            result.put("duplicated", l.duplicated.sum());
            result.put("outOfOrder", l.outOfOrder.sum());
            result.put("misdelivered", l.misdelivered.sum());
            result.put("latencyMs", summary(Ledger.snapshot(l.latency)));
            result.put("rttMs", summary(Ledger.snapshot(l.roundTrip)));
            result.put("sendLagMs", summary(Ledger.snapshot(l.sendLag)));
            result.put("setupMs", summary(Ledger.snapshot(l.setup)));
            result.put("errors", l.errorReport());
            if (server != null) {
                result.put("server", Map.of("pid", server.pid(), "alive", server.alive(),
                        "rssKbPeak", server.peakRssKb(), "rssKbEnd", server.rssKb(), "cpuSecTotal", server.cpuSeconds()));
            }
            boolean clean = !setupFailed && l.lost() == 0 && l.duplicated.sum() == 0 && l.outOfOrder.sum() == 0
                    && l.misdelivered.sum() == 0 && l.errorCount() == 0;
            result.put("clean", clean);
            return result;
        }
    }

    private static Map<String, Object> summary(Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return out;
        }
        out.put("p50", h.getValueAtPercentile(50) / 1e6);
        out.put("p90", h.getValueAtPercentile(90) / 1e6);
        out.put("p99", h.getValueAtPercentile(99) / 1e6);
        out.put("p999", h.getValueAtPercentile(99.9) / 1e6);
        out.put("max", h.getMaxValue() / 1e6);
        return out;
    }

    private static String humanSummary(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        s.append("== ").append(r.get("proto")).append(' ').append(r.get("mode")).append(' ').append(r.get("args")).append('\n');
        for (String key : new String[] {"msgsPerSec", "deliveriesPerSec", "cyclesPerSec", "joinsPerSec",
                "serverBytesPerRoom", "ready", "openAtEnd", "serverKibPerConnection", "window", "latencyMs", "rttMs",
                "sendLagMs", "setupMs", "owed", "delivered", "lost", "duplicated", "outOfOrder", "misdelivered",
                "errors", "clean"}) {
            if (r.containsKey(key)) {
                s.append(String.format("  %-22s %s%n", key, Json.write(r.get(key))));
            }
        }
        return s.toString();
    }
}
