package dev.signaling.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Open loop at {@code --rate} messages per second in total, spread over routes and event loops by {@link Pacer}.
 * Latency is measured from each message's intended send time. Subclasses say what the routes are.
 */
abstract class FixedRate extends Scenario {

    /** Sets up the clients and returns the routes to pace. */
    abstract List<Pacer.Route> prepare(Fleet fleet) throws Exception;

    @Override
    Map<String, Object> run(Fleet fleet, ProcessProbe server) throws Exception {
        List<Pacer.Route> routes = prepare(fleet);
        Map<String, Object> out = new LinkedHashMap<>();
        paceAndMeasure(fleet, server, routes, out);
        return out;
    }

    /** Paces the routes at {@code --rate} through warmup and window, drains, and adds the figures to {@code out}. */
    static void paceAndMeasure(Fleet fleet, ProcessProbe server, List<Pacer.Route> routes, Map<String, Object> out) {
        List<Pacer> pacers = pacers(fleet, routes, fleet.options.rate());
        long start = System.nanoTime() + 20_000_000L;
        pacers.forEach(p -> p.start(start));
        Map<String, Object> window = measure(fleet, server);
        pacers.forEach(Pacer::stop);
        drain(fleet);

        long inWindow = fleet.ledger.deliveredInWindow.sum();
        out.put("targetSendsPerSec", fleet.options.rate());
        out.put("deliveriesPerSec", inWindow / (Double) window.get("seconds"));
        perHundredThousand(window, inWindow);
        out.put("window", window);
    }

    /** One pacer per event loop, each pacing the routes whose sender lives on that loop, at its share of the rate. */
    static List<Pacer> pacers(Fleet fleet, List<Pacer.Route> routes, double rate) {
        List<Pacer> pacers = new ArrayList<>();
        for (int l = 0; l < fleet.loopCount(); l++) {
            List<Pacer.Route> mine = new ArrayList<>();
            for (Pacer.Route r : routes) {
                if (r.from().loop() == fleet.loop(l)) {
                    mine.add(r);
                }
            }
            double share = rate * mine.size() / Math.max(1, routes.size());
            pacers.add(new Pacer(fleet.vertx, fleet.loop(l), mine, share, padding(fleet.options.payload()),
                    fleet.ledger));
        }
        return pacers;
    }

    /** Pairs as in pingpong, both sides sending: A offers to B, B answers to A, nobody replies. */
    static final class Pairs extends FixedRate {
        @Override
        List<Pacer.Route> prepare(Fleet fleet) throws Exception {
            List<Pair> pairs = pairs(fleet, fleet.options.pairs(), 0);
            connectOrFail(fleet, members(pairs));
            List<Pacer.Route> routes = new ArrayList<>();
            for (Pair p : pairs) {
                routes.add(new Pacer.Route(p.a(), p.b(), p.room(), p.roomName(), 1, Dialect.Kind.OFFER));
                routes.add(new Pacer.Route(p.b(), p.a(), p.room(), p.roomName(), 1, Dialect.Kind.ANSWER));
            }
            return routes;
        }
    }

    /**
     * {@code --rooms} rooms of {@code --room-size} members; in each, one member broadcasts to the room and every
     * other member receives. {@code --rate} counts broadcasts, so deliveries are rate × (size − 1).
     */
    static final class FanOut extends FixedRate {
        @Override
        List<Pacer.Route> prepare(Fleet fleet) throws Exception {
            Options o = fleet.options;
            if (!fleet.dialect.broadcasts()) {
                throw new IllegalArgumentException("--proto " + o.proto() + " has no rooms: fan-out needs signal or socketio");
            }
            List<Client> everyone = new ArrayList<>();
            List<Pacer.Route> routes = new ArrayList<>();
            for (int r = 0; r < o.rooms(); r++) {
                String roomName = "f" + fleet.runTag + "-" + r;
                int senderIndex = r * o.roomSize();
                Client sender = null;
                for (int m = 0; m < o.roomSize(); m++) {
                    Client c = fleet.client(senderIndex + m, List.of(roomName), Set.of(r));
                    c.partners(Set.of(senderIndex));
                    everyone.add(c);
                    if (m == 0) {
                        sender = c;
                    }
                }
                routes.add(new Pacer.Route(sender, null, r, roomName, o.roomSize() - 1, Dialect.Kind.OFFER));
            }
            connectOrFail(fleet, everyone);
            return routes;
        }
    }
}
