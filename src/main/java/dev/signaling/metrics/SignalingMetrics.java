package dev.signaling.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.OutboxBudget;
import dev.signaling.edge.ConnectionCap;
import dev.signaling.router.Router;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Every meter of the server, in one place (docs/metrics.md lists them). Tags take values from small fixed sets
 * (dialect names, message types, error codes), never from what a client sends, so cardinality stays bounded.
 * Counters are looked up once per tag combination and cached: no registry lookup per message, and the two meters
 * touched on every message (received, relayed) are found by two map lookups on the dialect and type strings the
 * callers pass (constants), without building a key.
 */
@ApplicationScoped
public class SignalingMetrics {
    private static final String LIMIT_HITS = "signaling.limit.hits";
    private static final String LIMIT_HITS_DESCRIPTION = "Requests refused because they ran into a configured cap";

    private final MeterRegistry registry;
    private final Router router;
    private final OutboxBudget outboxBudget;
    private final ConnectionCap connectionCap;
    private final Map<String, AtomicInteger> openConnections = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> received = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> relayed = new ConcurrentHashMap<>();

    SignalingMetrics(MeterRegistry registry, Router router, OutboxBudget outboxBudget, ConnectionCap connectionCap) {
        this.registry = registry;
        this.connectionCap = connectionCap;
        this.router = router;
        this.outboxBudget = outboxBudget;
    }

    void registerGauges(@Observes StartupEvent event) {
        Gauge.builder("signaling.peers", router, Router::localPeerCount)
                .description("Peers connected to this instance")
                .register(registry);
        Gauge.builder("signaling.rooms", router, Router::localRoomCount)
                .description("Rooms with at least one member on this instance")
                .register(registry);
        Gauge.builder("signaling.outbox.held", outboxBudget, OutboxBudget::held)
                .description("Bytes of frames queued for all peers and not yet written")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("signaling.outbox.limit", outboxBudget, OutboxBudget::limit)
                .description("signaling.outbox.max-total-bytes: past it, peers with a backlog are given up on")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("signaling.connections.limit", connectionCap, ConnectionCap::value)
                .description("signaling.limits.max-connections: past it, new connections are refused with 503")
                .register(registry);
    }

    public void connectionOpened(String dialect) {
        connections(dialect).incrementAndGet();
        counter("signaling.connections.opened", "Connections accepted", "dialect", dialect).increment();
    }

    public void connectionClosed(String dialect) {
        connections(dialect).decrementAndGet();
    }

    /** A frame arrived; {@code type} is one of the dialect's known types or {@code invalid}. */
    public void messageReceived(String dialect, String type) {
        perDialectAndType(received, "signaling.messages.received", "Frames received from clients", dialect, type)
                .increment();
    }

    /** A relay of {@code type} sent by a {@code dialect} client reached {@code recipients} peers. */
    public void messagesRelayed(String dialect, String type, int recipients) {
        if (recipients > 0) {
            perDialectAndType(relayed, "signaling.messages.relayed", "Messages delivered to recipients", dialect, type)
                    .increment(recipients);
        }
    }

    public void error(ErrorCode code) {
        counter("signaling.errors", "Errors sent to clients", "code", code.code()).increment();
    }

    /** An event for a peer of {@code dialect} was dropped because its outbox was full. */
    public void outboxDropped(String dialect) {
        counter("signaling.outbox.dropped", "Events dropped because a peer's outbox was full", "dialect", dialect)
                .increment();
    }

    /** A peer of {@code dialect} was disconnected because it did not read its messages. */
    public void slowConsumerClosed(String dialect) {
        counter("signaling.slow.consumers.closed", "Connections closed because the client did not read", "dialect",
                dialect).increment();
    }

    /** A connection of {@code dialect} was closed because its client stopped answering pings. */
    public void heartbeatTimeout(String dialect) {
        counter("signaling.heartbeat.timeouts", "Connections closed because the client stopped answering pings",
                "dialect", dialect).increment();
    }

    /** A frame of a {@code dialect} client was refused for exceeding its connection's rate. */
    public void rateLimited(String dialect) {
        counter("signaling.rate.limited", "Frames refused because their connection exceeded its rate", "dialect",
                dialect).increment();
    }

    /** A connection of {@code dialect} was closed (1008) for sending past its rate again and again. */
    public void rateLimitClosed(String dialect) {
        counter("signaling.rate.limit.closed", "Connections closed for sustained rate-limit abuse", "dialect",
                dialect).increment();
    }

    /** A connection of {@code dialect} was closed (1009) for a message over the transport cap. */
    public void oversizedClosed(String dialect) {
        counter("signaling.oversized.closed", "Connections closed for a message over the transport cap", "dialect",
                dialect).increment();
    }

    /** A suspended or replaced session was resumed on a new socket. */
    public void resumed() {
        counter("signaling.resumes", "Sessions resumed on a new socket", "outcome", "resumed").increment();
    }

    /** A resume was refused (expired session or wrong token). */
    public void resumeFailed() {
        counter("signaling.resumes", "Sessions resumed on a new socket", "outcome", "failed").increment();
    }

    /** A token check failed; {@code reason} is one of the fixed reasons of docs/security.md, never the token. */
    public void authFailure(String reason) {
        counter("signaling.auth.failures", "Failed access checks, by reason", "reason", reason).increment();
    }

    /** A request came from an origin outside {@code signaling.allowed-origins}. */
    public void originRejected() {
        counter("signaling.origin.rejected", "Requests refused because of their Origin")
                .increment();
    }

    /** The caps counted by {@code signaling_limit_hits_total}, with their tag values. */
    public enum Limit {
        /** {@code signaling.limits.max-connections}: an upgrade or Socket.IO handshake refused with 503. */
        CONNECTIONS("max-connections"),
        /** {@code signaling.limits.max-connections-per-ip}: refused with 429. */
        CONNECTIONS_PER_IP("max-connections-per-ip"),
        /** {@code signaling.limits.max-rooms-per-peer}: a join answered {@code too-many-rooms}. */
        ROOMS_PER_PEER("max-rooms-per-peer"),
        /** {@code signaling.limits.max-peers-per-room} (or a dialect's own room size): {@code room-full}. */
        PEERS_PER_ROOM("max-peers-per-room"),
        /** {@code signaling.limits.max-frame-bytes}: a frame answered {@code frame-too-large}. */
        FRAME_BYTES("max-frame-bytes"),
        /**
         * {@code signaling.outbox.max-total-bytes}: all outboxes together were full, and a WebSocket peer with a
         * backlog was closed with 1013. (A Socket.IO session drops the event instead, counted only as dropped.)
         */
        OUTBOX_TOTAL_BYTES("outbox-max-total-bytes"),
        /**
         * {@code signaling.limits.max-read-backlog-bytes}: a WebSocket's event loop was behind, and the socket was
         * paused until the loop caught up (nothing is refused or closed).
         */
        READ_BACKLOG("max-read-backlog-bytes"),
        /**
         * {@code signaling.redis.max-queued-operations}: with the Redis router, a join, leave or relay answered
         * {@code unavailable} at once because that many already waited for room on the connection to Redis
         * (counted by {@code RedisRouterMeters}, registered with that router).
         */
        QUEUED_OPERATIONS("max-queued-operations");

        private final String tag;

        Limit(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** A client ran into {@code limit}. */
    public void limitHit(Limit limit) {
        counter(LIMIT_HITS, LIMIT_HITS_DESCRIPTION, "limit", limit.tag()).increment();
    }

    /**
     * The counter {@link #limitHit} counts in, for a meter holder that cannot have this bean (the Redis router's,
     * made before it: this bean watches the router).
     */
    public static Counter limitHits(MeterRegistry registry, Limit limit) {
        return Counter.builder(LIMIT_HITS).description(LIMIT_HITS_DESCRIPTION).tag("limit", limit.tag())
                .register(registry);
    }

    private AtomicInteger connections(String dialect) {
        return openConnections.computeIfAbsent(dialect, d -> registry.gauge("signaling.connections",
                io.micrometer.core.instrument.Tags.of("dialect", d), new AtomicInteger()));
    }

    private Counter perDialectAndType(Map<String, Map<String, Counter>> table, String name, String description,
            String dialect, String type) {
        Map<String, Counter> row = table.get(dialect);
        if (row == null) {
            row = table.computeIfAbsent(dialect, d -> new ConcurrentHashMap<>());
        }
        Counter counter = row.get(type);
        if (counter == null) {
            counter = row.computeIfAbsent(type, t -> counter(name, description, "dialect", dialect, "type", t));
        }
        return counter;
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + '|' + String.join("|", tags);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key,
                    k -> Counter.builder(name).description(description).tags(tags).register(registry));
        }
        return counter;
    }
}
