package dev.signaling.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --conns} connections that log in or join a room (in pairs, as calls would) and then stay quiet for
 * {@code --duration} seconds, answering only the server's heartbeats. Reports how many made it and stayed, and
 * the server's resident memory before, after connecting and at the end: the memory an idle connection costs.
 * With {@code --live-heap 1} (a JVM server) also its live heap before and after connecting ({@link LiveHeap}).
 */
final class Idle extends Scenario {

    @Override
    Map<String, Object> run(Fleet fleet, ProcessProbe server) throws Exception {
        Options o = fleet.options;
        List<Pair> pairs = pairs(fleet, (o.conns() + 1) / 2, 0);
        List<Client> clients = members(pairs).subList(0, o.conns());
        boolean liveHeap = o.liveHeap() && server != null;
        long heapBefore = liveHeap ? LiveHeap.bytes(server.pid()) : 0;
        long rssBefore = server == null ? 0 : server.rssKb();
        double cpuBefore = server == null ? Double.NaN : server.cpuSeconds();
        long t0 = System.nanoTime();
        fleet.ledger.measuring(true); // connect-to-ready times
        int ready = fleet.connectAll(clients).size();
        fleet.ledger.measuring(false);
        double connectSeconds = (System.nanoTime() - t0) / 1e9;
        long rssConnected = server == null ? 0 : server.rssKb();
        double cpuConnect = server == null ? Double.NaN : server.cpuSeconds() - cpuBefore;
        long heapConnected = liveHeap ? LiveHeap.bytes(server.pid()) : 0;

        pause(TimeUnit.SECONDS.toNanos(o.duration()));
        long openAtEnd = fleet.openCount();
        long rssEnd = server == null ? 0 : server.rssKb();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", o.conns());
        out.put("ready", ready);
        out.put("openAtEnd", openAtEnd);
        out.put("connectSeconds", connectSeconds);
        if (server != null) {
            out.put("serverRssKbBefore", rssBefore);
            out.put("serverRssKbConnected", rssConnected);
            out.put("serverRssKbEnd", rssEnd);
            out.put("serverKibPerConnection", ready == 0 ? null : (rssEnd - rssBefore) / (double) ready);
            out.put("serverCpuMillisPerConnect", ready == 0 ? null : cpuConnect * 1000 / ready);
        }
        if (liveHeap) {
            out.put("serverLiveHeapBytesBefore", heapBefore);
            out.put("serverLiveHeapBytesConnected", heapConnected);
            out.put("serverLiveHeapBytesPerConnection", ready == 0 ? null : (heapConnected - heapBefore) / ready);
        }
        out.put("loadgenRssKb", ProcessProbe.self().rssKb());
        if (ready != o.conns() || openAtEnd != o.conns()) {
            fleet.ledger.error("idle-incomplete", ready + " ready, " + openAtEnd + " open at the end, of " + o.conns());
        }
        return out;
    }
}
