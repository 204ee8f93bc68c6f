package dev.signaling.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What a room costs: {@code --rooms} rooms of {@code --room-size} members, more rooms than one process can have
 * sockets for, so {@code --conns} connections share them ({@code /signal} lets one connection be in many rooms;
 * the server must allow it with {@code signaling.limits.max-rooms-per-peer}). Groups of room-size connections
 * join the same rooms. Measures server memory and CPU per room while the rooms are created, then relays
 * {@code --rate} broadcasts per second spread over all the rooms, to show that routing does not slow with the
 * number of rooms.
 */
final class ManyRooms extends Scenario {

    @Override
    Map<String, Object> run(Fleet fleet, ProcessProbe server) throws Exception {
        Options o = fleet.options;
        if (!fleet.dialect.multiRoom()) {
            throw new IllegalArgumentException("--mode rooms needs --proto signal (one connection in many rooms)");
        }
        int size = o.roomSize();
        int groups = o.conns() / size;
        if (groups == 0 || o.rooms() < groups) {
            throw new IllegalArgumentException("need at least room-size connections and one room per group");
        }
        List<Client> clients = new ArrayList<>();
        List<Pacer.Route> routes = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<String> names = new ArrayList<>();
            Set<Integer> indexes = new HashSet<>();
            for (int r = g; r < o.rooms(); r += groups) {
                names.add("m" + fleet.runTag + "-" + r);
                indexes.add(r);
            }
            Set<Integer> senders = Set.of(g * size);
            Client first = null;
            for (int m = 0; m < size; m++) {
                Client c = fleet.client(g * size + m, names, indexes);
                c.deferJoins();
                c.partners(senders);
                clients.add(c);
                if (m == 0) {
                    first = c;
                }
            }
            for (int i = 0; i < names.size(); i++) {
                int room = g + i * groups;
                routes.add(new Pacer.Route(first, null, room, names.get(i), size - 1, Dialect.Kind.OFFER));
            }
        }
        connectOrFail(fleet, clients);

        Map<String, Object> out = new LinkedHashMap<>();
        long rssBefore = server == null ? 0 : server.rssKb();
        double cpuBefore = server == null ? Double.NaN : server.cpuSeconds();
        long t0 = System.nanoTime();
        joinAll(fleet, clients);
        double joinSeconds = (System.nanoTime() - t0) / 1e9;
        long joins = (long) o.rooms() * size;
        out.put("rooms", o.rooms());
        out.put("joins", joins);
        out.put("joinSeconds", joinSeconds);
        out.put("joinsPerSec", joins / joinSeconds);
        if (server != null) {
            long rssAfter = server.rssKb();
            out.put("serverRssKbBeforeJoins", rssBefore);
            out.put("serverRssKbAfterJoins", rssAfter);
            out.put("serverBytesPerRoom", (rssAfter - rssBefore) * 1024.0 / o.rooms());
            out.put("serverCpuMicrosPerJoin", (server.cpuSeconds() - cpuBefore) * 1e6 / joins);
        }

        FixedRate.paceAndMeasure(fleet, server, routes, out);
        return out;
    }

    /** Joins in batches of {@code --connect-concurrency} clients, so joins arrive like a busy hour, not all at once. */
    private static void joinAll(Fleet fleet, List<Client> clients) throws Exception {
        Semaphore slots = new Semaphore(fleet.options.connectConcurrency());
        List<CompletableFuture<Client>> pending = new ArrayList<>();
        for (Client c : clients) {
            slots.acquire();
            pending.add(c.joinRooms().whenComplete((ok, failed) -> slots.release()));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .get(fleet.options.setupTimeout(), TimeUnit.SECONDS);
    }
}
