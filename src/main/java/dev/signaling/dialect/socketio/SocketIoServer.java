package dev.signaling.dialect.socketio;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.OutboxBudget;
import dev.signaling.core.PeerIdGenerator;
import dev.signaling.core.SignalingService;
import dev.signaling.access.Access;
import dev.signaling.access.HttpAccess;
import dev.signaling.edge.ConnectionGate;
import dev.signaling.edge.RateLimiter;
import dev.signaling.lifecycle.Drain;
import dev.signaling.dialect.socketio.engine.EngineIoServer;
import dev.signaling.dialect.socketio.engine.EngineSession;
import dev.signaling.dialect.socketio.engine.EngineSettings;
import dev.signaling.metrics.SignalingMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The Socket.IO dialect at {@code /socket.io/} (docs/protocol-socketio.md): an Engine.IO server (both transports,
 * protocols 3 and 4) on the Quarkus HTTP server's router, with a {@link SocketIoConnection} on each session. One
 * route serves long-polling and WebSocket upgrades alike, on the application's port.
 */
@ApplicationScoped
public class SocketIoServer {
    static final String DIALECT = "socketio";
    static final String PATH = "/socket.io/";

    private final SignalingService service;
    private final SignalingMetrics metrics;
    private final PeerIdGenerator ids;
    private final Vertx vertx;
    private final SignalingConfig.SocketIo config;
    private final EngineSettings settings;
    private final ReferenceSuiteHandlers referenceSuite;
    private final Drain drain;
    private final HttpAccess access;
    private final SignalingConfig.RateLimit rateLimit;
    private final ConnectionGate gate;
    /** The Engine.IO servers of the routes, whose heartbeats stop with the application. */
    private final List<EngineIoServer> engines = new ArrayList<>();

    SocketIoServer(SignalingService service, SignalingMetrics metrics, PeerIdGenerator ids, Vertx vertx,
            SignalingConfig config, Drain drain, HttpAccess access, ConnectionGate gate, OutboxBudget outboxBudget) {
        this.drain = drain;
        this.access = access;
        this.gate = gate;
        this.service = service;
        this.metrics = metrics;
        this.ids = ids;
        this.vertx = vertx;
        this.config = config.socketio();
        this.rateLimit = config.rateLimit();
        this.settings = new EngineSettings(this.config.pingInterval().toMillis(), this.config.pingTimeout().toMillis(),
                this.config.maxPayload(), config.outbox().maxMessages(), config.outbox().maxBytes(), outboxBudget);
        this.referenceSuite = this.config.referenceSuiteMode() ? new ReferenceSuiteHandlers(vertx) : null;
    }

    void routes(@Observes Router router) {
        EngineIoServer socketIo = new EngineIoServer(vertx, settings,
                (protocol, handshake) -> new SocketIoConnection(this, protocol, access.check(handshake).grant()),
                this::admit);
        start(socketIo);
        router.route(PATH).handler(context -> {
            // While draining, new sessions are refused (as WebSocket upgrades are); open ones carry on until the end.
            if (drain.isDraining() && context.request().getParam("sid") == null) {
                context.response().setStatusCode(503).end();
                return;
            }
            // Every request, not only the handshake, passes the origin and token checks (docs/security.md).
            Access checked = access.check(context.request());
            if (!checked.isGranted()) {
                HttpAccess.headersFor(checked.failure()).forEach((name, values) -> context.response().putHeader(name, values));
                context.response().setStatusCode(checked.status()).end();
                return;
            }
            socketIo.handle(context);
        });
        if (referenceSuite != null) {
            Log.warn("signaling.socketio.reference-suite-mode is on: /socket.io/ serves the protocol test suite's "
                    + "handlers instead of the seed events, and /engine.io/ echoes");
            EngineIoServer echo = new EngineIoServer(vertx, settings, (protocol, handshake) -> new EchoListener(newSid()));
            start(echo);
            router.route("/engine.io/").handler(echo::handle);
        }
    }

    private void start(EngineIoServer engine) {
        engine.start();
        engines.add(engine);
    }

    void stop(@Observes ShutdownEvent event) {
        engines.forEach(EngineIoServer::stop);
    }

    /** A new session takes a place under the connection caps (503 / 429 past them) until it ends. */
    private Runnable admit(io.vertx.core.http.HttpServerRequest request) {
        ConnectionGate.Admission admission = gate.admit(request);
        if (!admission.admitted()) {
            request.response().setStatusCode(admission.refusalStatus()).end();
            return null;
        }
        return admission.ticket()::giveBack;
    }

    SignalingService service() {
        return service;
    }

    /** The packet budget of a new session: the same per-connection rate limit as the WebSocket dialects. */
    RateLimiter newRateLimiter() {
        return new RateLimiter(rateLimit.messagesPerSecond(), rateLimit.burst(), rateLimit.refusalsBeforeClose(),
                System.nanoTime());
    }

    SignalingMetrics metrics() {
        return metrics;
    }

    ReferenceSuiteHandlers referenceSuite() {
        return referenceSuite;
    }

    /** An unguessable Engine.IO session id (128 random bits). */
    String newSid() {
        return ids.next().value();
    }

    /** Closes {@code session} if no namespace is connected within the connect timeout; returns the timer id. */
    long startConnectTimer(EngineSession session) {
        return vertx.setTimer(config.connectTimeout().toMillis(), id -> session.close());
    }

    void cancelTimer(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The server's non-loopback IPv4 addresses, for the codelab's {@code ipaddr}. */
    List<String> serverAddresses() {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        addresses.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            Log.debugf(e, "Cannot list network interfaces");
        }
        return addresses;
    }
}
