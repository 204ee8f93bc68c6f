package dev.signaling.edge;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Drops the headers of a WebSocket upgrade request that nothing here reads, before any endpoint sees the request.
 *
 * <p>Why: WebSockets Next copies every header of the upgrade into the connection's handshake request, and Vert.x keeps
 * the request's own header map, both for as long as the socket is open. A browser sends a dozen headers (user agent,
 * languages, encodings, cache control) and the site's cookies: kept per socket, they cost 0.9 to 1.6 KB of heap per
 * idle connection, plus the cookies (docs/benchmarks.md, item 20), on a connection of 7 to 10 KB. Signaling reads
 * none of them.
 *
 * <p>What stays: what the WebSocket handshake reads ({@code Host}, {@code Connection}, {@code Upgrade},
 * {@code Sec-WebSocket-*}), what our checks read ({@code Origin}, {@code Authorization}, the forwarding headers a
 * reverse proxy adds). Other requests (pages, health, metrics, Socket.IO long-polling) are left alone.
 */
@ApplicationScoped
public class HandshakeHeaders {
    /** Before every route of the application and of WebSockets Next (their routes have the default order, 0 up). */
    static final int ROUTE_ORDER = -1_000;

    /**
     * The headers an upgrade keeps: the handshake's, the access checks' ({@code Origin}, {@code Authorization}) and
     * the ones Quarkus reads behind a proxy ({@code quarkus.http.proxy.*}, with their default names).
     */
    static final List<String> KEPT = List.of(
            "host", "connection", "upgrade",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
            "origin", "authorization",
            "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port",
            "x-forwarded-prefix", "x-forwarded-ssl", "x-forwarded-server", "x-forwarded-trusted-proxy");

    void routes(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(HandshakeHeaders::trim);
    }

    static void trim(RoutingContext context) {
        MultiMap headers = context.request().headers();
        if ("websocket".equalsIgnoreCase(headers.get("Upgrade"))) {
            // Rebuilt rather than pruned: walking the names turns each name into a new String that then stays with
            // the map (0.3 KB a socket, measured); rebuilt, the names are these constants, shared by every socket.
            MultiMap kept = MultiMap.caseInsensitiveMultiMap();
            for (String name : KEPT) {
                List<String> values = headers.getAll(name);
                if (!values.isEmpty()) {
                    kept.add(name, values);
                }
            }
            headers.clear().addAll(kept);
        }
        context.next();
    }
}
