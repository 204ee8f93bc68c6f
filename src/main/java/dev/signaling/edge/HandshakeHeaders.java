package dev.signaling.edge;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Drops the headers of a WebSocket upgrade request that nothing here reads, before any endpoint sees the request, and
 * lets the sockets share the values they all send alike.
 *
 * <p>Why: WebSockets Next copies every header of the upgrade into the connection's handshake request, and Vert.x keeps
 * the request's own header map, both for as long as the socket is open. A browser sends a dozen headers (user agent,
 * languages, encodings, cache control) and the site's cookies: kept per socket, they cost 0.9 to 1.6 KB of heap per
 * idle connection, plus the cookies (docs/benchmarks.md, item 20), on a connection of 7 to 10 KB. Signaling reads
 * none of them.
 *
 * <p>What stays: what the WebSocket handshake reads ({@code Host}, {@code Connection}, {@code Upgrade},
 * {@code Sec-WebSocket-Key}, {@code -Version}, {@code -Protocol}), what our checks read ({@code Origin},
 * {@code Authorization}, the forwarding headers a reverse proxy adds). Not {@code Sec-WebSocket-Extensions}: no
 * extension is negotiated (per-message compression is off, application.properties). Other requests (pages, health,
 * metrics, Socket.IO long-polling) are left alone.
 *
 * <p>Of what stays, {@code Host}, {@code Origin}, {@code Connection}, {@code Upgrade} and the version are the same for
 * nearly every socket of a deployment, yet each request brings its own copy of each, kept for the socket's life:
 * about 0.3 KB a socket (item 43). A value equal to the one the previous upgrade sent is replaced by that one's
 * instance, so equal values are held once. Values that differ per client, or are secret (the key, tokens, addresses),
 * are not remembered.
 */
@ApplicationScoped
public class HandshakeHeaders {
    /** Before every route of the application and of WebSockets Next (their routes have the default order, 0 up). */
    static final int ROUTE_ORDER = -1_000;

    /** Kept headers whose value most sockets share: the last value seen of each is remembered. */
    static final List<String> SHARED = List.of("host", "connection", "upgrade", "sec-websocket-version", "origin",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix");

    /**
     * The headers an upgrade keeps: the shared ones above, the key, the subprotocols (which may carry a token), the
     * access checks' {@code Authorization}, and the rest of the ones Quarkus reads behind a proxy
     * ({@code quarkus.http.proxy.*}, with their default names).
     */
    static final List<String> KEPT = Stream.concat(SHARED.stream(), Stream.of(
            "sec-websocket-key", "sec-websocket-protocol", "authorization",
            "forwarded", "x-forwarded-for", "x-forwarded-ssl", "x-forwarded-server", "x-forwarded-trusted-proxy"))
            .toList();

    /** The last value of each {@link #SHARED} header, by its index there; upgrades on every event loop use it. */
    private final AtomicReferenceArray<String> lastSeen = new AtomicReferenceArray<>(SHARED.size());

    void routes(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::trim);
    }

    void trim(RoutingContext context) {
        MultiMap headers = context.request().headers();
        if ("websocket".equalsIgnoreCase(headers.get("Upgrade"))) {
            // Rebuilt rather than pruned: walking the names turns each name into a new String that then stays with
            // the map (0.3 KB a socket, measured); rebuilt, the names are these constants, shared by every socket.
            MultiMap kept = MultiMap.caseInsensitiveMultiMap();
            for (String name : KEPT) {
                List<String> values = headers.getAll(name);
                if (values.size() == 1) {
                    kept.add(name, shared(name, values.get(0)));
                } else if (!values.isEmpty()) {
                    kept.add(name, values);
                }
            }
            headers.clear().addAll(kept);
        }
        context.next();
    }

    /** The instance to keep for this header's value: the previous upgrade's, when it sent the same. */
    String shared(String name, String value) {
        int slot = SHARED.indexOf(name);
        if (slot < 0) {
            return value;
        }
        String last = lastSeen.get(slot);
        if (value.equals(last)) {
            return last;
        }
        // A race between two event loops only costs one socket its sharing.
        lastSeen.set(slot, value);
        return value;
    }
}
