package dev.signaling.edge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.signaling.config.SignalingConfig;
import dev.signaling.metrics.SignalingMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The connection caps: at most {@link ConnectionCap} connections open on this instance (every
 * dialect, a Socket.IO session counting as one) and {@code max-connections-per-ip} from one client address. A new
 * connection takes a {@link Ticket} before it is accepted (503 over the total, 429 over its address's share) and
 * gives it back when it closes, so the counts are those of the connections really open plus the few being opened.
 *
 * <p>A WebSocket upgrade takes its ticket in {@link ConnectionLimitUpgradeCheck}, before the handshake; the endpoint
 * claims it when the socket opens (by the TCP connection's remote address and port, which the upgrade request and
 * the socket share) and gives it back when the socket closes. An upgrade that never opens (the client went away,
 * another check refused it) leaves its ticket unclaimed; a sweep every half {@link #UNCLAIMED_TTL_MS} gives it back
 * once that has passed (one periodic timer rather than a timer per upgrade, which held a quarter of a kilobyte for
 * ten seconds after each connection opened: docs/benchmarks.md, item 42).
 */
@ApplicationScoped
public class ConnectionGate {
    /** How long a ticket taken for an upgrade waits for its socket to open before it is given back. */
    static final long UNCLAIMED_TTL_MS = 10_000;
    static final int OVER_TOTAL = 503;
    static final int OVER_PER_IP = 429;

    private final SignalingMetrics metrics;
    private final Vertx vertx;
    private final int maxConnections;
    private final int maxPerIp;
    private final boolean trustForwardedFor;
    /** Connections per client address, guarded by this. */
    private final Map<String, Address> perIp = new HashMap<>();
    private final Map<String, Reservation> unclaimed = new ConcurrentHashMap<>();
    private final Map<String, Ticket> claimed = new ConcurrentHashMap<>();
    private int total;
    private long sweep = -1;

    ConnectionGate(SignalingMetrics metrics, Vertx vertx, ConnectionCap cap, SignalingConfig config) {
        this.metrics = metrics;
        this.vertx = vertx;
        this.maxConnections = cap.value();
        this.maxPerIp = config.limits().maxConnectionsPerIp();
        this.trustForwardedFor = config.limits().trustForwardedFor();
    }

    void start(@Observes StartupEvent event) {
        sweep = vertx.setPeriodic(UNCLAIMED_TTL_MS / 2, id -> expireUnclaimed(System.nanoTime()));
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(sweep);
    }

    /** One client address and its open connections: every ticket from it shares this, and its address string. */
    private static final class Address {
        final String ip;
        int connections; // guarded by the gate

        Address(String ip) {
            this.ip = ip;
        }
    }

    /** A place taken by one connection; giving it back twice is harmless. */
    public final class Ticket {
        private final Address from;
        private boolean given; // guarded by the gate

        private Ticket(Address from) {
            this.from = from;
        }

        public void giveBack() {
            release(this);
        }
    }

    /** A ticket an upgrade took, waiting for its socket to open until {@code expiresAt} ({@link System#nanoTime}). */
    private record Reservation(Ticket ticket, long expiresAt) {
    }

    /** A ticket, or the HTTP status to refuse the connection with. */
    public record Admission(Ticket ticket, int refusalStatus) {
        public boolean admitted() {
            return ticket != null;
        }
    }

    /** Takes a ticket for a new connection asked for by {@code request}, or says why not (503 / 429). */
    public Admission admit(HttpServerRequest request) {
        String ip = clientIp(request);
        synchronized (this) {
            if (total >= maxConnections) {
                metrics.limitHit(SignalingMetrics.Limit.CONNECTIONS);
                return new Admission(null, OVER_TOTAL);
            }
            Address from = perIp.get(ip);
            if (from != null && from.connections >= maxPerIp) {
                metrics.limitHit(SignalingMetrics.Limit.CONNECTIONS_PER_IP);
                return new Admission(null, OVER_PER_IP);
            }
            return new Admission(take(ip), 0);
        }
    }

    /**
     * Takes a ticket for a WebSocket upgrade and keeps it for the socket to {@link #opened claim}; returns the
     * status to refuse the upgrade with, or 0.
     */
    int reserveUpgrade(HttpServerRequest request) {
        Admission admission = admit(request);
        if (!admission.admitted()) {
            return admission.refusalStatus();
        }
        String key = socketKey(request.remoteAddress());
        long expiresAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UNCLAIMED_TTL_MS);
        Reservation previous = unclaimed.put(key, new Reservation(admission.ticket(), expiresAt));
        if (previous != null) {
            previous.ticket().giveBack(); // an earlier upgrade on the same TCP connection that never opened
        }
        return 0;
    }

    /**
     * Gives back the tickets of upgrades whose socket did not open by their deadline ({@code now}: nanoTime); returns
     * how many.
     */
    int expireUnclaimed(long now) {
        int expired = 0;
        for (Map.Entry<String, Reservation> entry : unclaimed.entrySet()) {
            Reservation reservation = entry.getValue();
            if (now - reservation.expiresAt() >= 0 && unclaimed.remove(entry.getKey(), reservation)) {
                reservation.ticket().giveBack();
                expired++;
            }
        }
        return expired;
    }

    /** Whether the upgrade on the TCP connection {@code key} ({@link #socketKey}) holds a ticket no socket claimed. */
    boolean holdsUnclaimed(String key) {
        return unclaimed.containsKey(key);
    }

    /** A WebSocket opened: it claims the ticket its upgrade took, to give it back on {@link #closed}. */
    void opened(String connectionId, String remoteAddress) {
        Reservation reservation = remoteAddress == null ? null : unclaimed.remove(remoteAddress);
        Ticket ticket = reservation == null
                // The upgrade's ticket expired before the socket opened (a very slow start): count the socket anyway.
                ? take(remoteAddress == null ? "unknown" : hostOf(remoteAddress))
                : reservation.ticket();
        claimed.put(connectionId, ticket);
    }

    /** A WebSocket closed: its ticket is given back. */
    void closed(String connectionId) {
        Ticket ticket = claimed.remove(connectionId);
        if (ticket != null) {
            ticket.giveBack();
        }
    }

    /** Connections open or being opened (for tests and logs). */
    public synchronized int count() {
        return total;
    }

    /** A ticket from {@code ip}, past no cap: {@link #admit} checked them, a socket that opened is counted anyway. */
    private synchronized Ticket take(String ip) {
        Address from = perIp.computeIfAbsent(ip, Address::new);
        from.connections++;
        total++;
        return new Ticket(from);
    }

    private synchronized void release(Ticket ticket) {
        if (ticket.given) {
            return;
        }
        ticket.given = true;
        total--;
        if (--ticket.from.connections == 0) {
            perIp.remove(ticket.from.ip);
        }
    }

    /**
     * The client's address: the socket's remote address, or with {@code trust-forwarded-for} the last address of
     * {@code X-Forwarded-For} (the one added by the proxy in front of us; earlier ones are the client's say-so).
     */
    String clientIp(HttpServerRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null) {
                String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    /** The TCP connection's remote address as WebSockets Next's {@code HandshakeRequest.remoteAddress()} writes it. */
    static String socketKey(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        String host = remote.hostAddress() != null ? remote.hostAddress() : remote.hostName();
        return host + ":" + remote.port();
    }

    private String hostOf(String remoteAddress) {
        int colon = remoteAddress.lastIndexOf(':');
        return colon < 0 ? remoteAddress : remoteAddress.substring(0, colon);
    }
}
