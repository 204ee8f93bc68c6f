package dev.signaling.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed loop: in each pair, A keeps {@code --inflight} offers outstanding; B answers every offer at once, and
 * every answer that reaches A sends A's next offer. The server's speed sets the pace, so this measures the most
 * it relays (msgs/s) and what a message costs it (CPU per 100k). Latencies here are queueing (Little's law);
 * compare latency in the open-loop {@code rate} mode instead.
 */
final class PingPong extends Scenario {

    private volatile boolean running = true;

    @Override
    Map<String, Object> run(Fleet fleet, ProcessProbe server) throws Exception {
        Options o = fleet.options;
        List<Pair> pairs = pairs(fleet, o.pairs(), 0);
        String padding = padding(o.payload());
        for (Pair p : pairs) {
            p.b().onDelivery((b, kind, body, now) -> {
                if (kind == Dialect.Kind.OFFER) {
                    b.relay(Dialect.Kind.ANSWER, p.a(), p.room(), p.roomName(), 1, System.nanoTime(),
                            body.sentNanos(), padding, scratch());
                }
            });
            p.a().onDelivery((a, kind, body, now) -> {
                if (kind != Dialect.Kind.ANSWER) {
                    return;
                }
                if (fleet.ledger.measuring()) {
                    fleet.ledger.roundTrip.recordValue(Math.max(0, now - body.echoedNanos()));
                }
                if (running) {
                    a.relay(Dialect.Kind.OFFER, p.b(), p.room(), p.roomName(), 1, System.nanoTime(), 0, padding,
                            scratch());
                }
            });
        }
        connectOrFail(fleet, members(pairs));

        for (Pair p : pairs) {
            p.a().loop().runOnContext(v -> {
                for (int k = 0; k < o.inflight(); k++) {
                    p.a().relay(Dialect.Kind.OFFER, p.b(), p.room(), p.roomName(), 1, System.nanoTime(), 0, padding,
                            scratch());
                }
            });
        }
        Map<String, Object> window = measure(fleet, server);
        running = false;
        drain(fleet);

        long inWindow = fleet.ledger.deliveredInWindow.sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("msgsPerSec", inWindow / (Double) window.get("seconds"));
        perHundredThousand(window, inWindow);
        out.put("window", window);
        return out;
    }
}
