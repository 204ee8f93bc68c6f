package dev.signaling.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything a run counts, shared by all clients on all event loops: deliveries owed and made, the ways a
 * delivery can go wrong, errors by kind (with one sample each), and latency histograms for the measured window.
 */
final class Ledger {
    /** Deliveries owed: a directed message owes one, a room broadcast one per other member. */
    final LongAdder owed = new LongAdder();
    /** Distinct deliveries made (a repeat is counted in {@link #duplicated} instead). */
    final LongAdder delivered = new LongAdder();
    /** Deliveries inside the measured window (throughput). */
    final LongAdder deliveredInWindow = new LongAdder();
    /** A sequence number at or below one already seen from the same stream. */
    final LongAdder duplicated = new LongAdder();
    /** A sequence number that skipped ahead: something in between is missing or was overtaken. */
    final LongAdder outOfOrder = new LongAdder();
    /** Meant for someone else, or from a client that has no business sending to this one. */
    final LongAdder misdelivered = new LongAdder();

    final Recorder latency = new Recorder(3);   // one-way, nanoseconds
    final Recorder roundTrip = new Recorder(3); // offer to answer, nanoseconds
    final Recorder sendLag = new Recorder(3);   // open loop: actual minus intended send time
    final Recorder setup = new Recorder(3);     // connect to ready (churn, idle)

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> samples = new ConcurrentHashMap<>();

    private volatile boolean measuring;

    void measuring(boolean on) {
        measuring = on;
    }

    boolean measuring() {
        return measuring;
    }

    void error(String kind, String sample) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        samples.putIfAbsent(kind, sample == null ? "" : sample.length() > 200 ? sample.substring(0, 200) : sample);
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Object> errorReport() {
        Map<String, Object> out = new TreeMap<>();
        errors.forEach((kind, n) -> out.put(kind, Map.of("count", n.sum(), "sample", samples.getOrDefault(kind, ""))));
        return out;
    }

    long lost() {
        return Math.max(0, owed.sum() - delivered.sum());
    }

    static Histogram snapshot(Recorder recorder) {
        return recorder.getIntervalHistogram();
    }
}
