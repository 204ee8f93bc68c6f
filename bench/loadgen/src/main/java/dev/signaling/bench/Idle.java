package dev.signaling.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --conns} connections that log in or join a room (in pairs, as calls would) and then stay quiet for
 * {@code --duration} seconds, answering only the server's heartbeats. Reports how many made it and stayed, and
 * the server's resident memory before, after connecting and at the end: the memory an idle connection costs.
 */
final class Idle extends Scenario {

    @Override
    Map<String, Object> run(Fleet fleet, ProcessProbe server) throws Exception {
        Options o = fleet.options;
        List<Pair> pairs = pairs(fleet, (o.conns() + 1) / 2, 0);
        List<Client> clients = members(pairs).subList(0, o.conns());
        long rssBefore = server == null ? 0 : server.rssKb();
        double cpuBefore = server == null ? Double.NaN : server.cpuSeconds();
        long t0 = System.nanoTime();
        fleet.ledger.measuring(true); // connect-to-ready times
        int ready = fleet.connectAll(clients).size();
        fleet.ledger.measuring(false);
        double connectSeconds = (System.nanoTime() - t0) / 1e9;
        long rssConnected = server == null ? 0 : server.rssKb();
        double cpuConnect = server == null ? Double.NaN : server.cpuSeconds() - cpuBefore;

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
        out.put("loadgenRssKb", ProcessProbe.self().rssKb());
        if (ready != o.conns() || openAtEnd != o.conns()) {
            fleet.ledger.error("idle-incomplete", ready + " ready, " + openAtEnd + " open at the end, of " + o.conns());
        }
        return out;
    }
}
