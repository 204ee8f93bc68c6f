package dev.signaling.access;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The origin and token checks of one HTTP request (a WebSocket upgrade, a REST call, a Socket.IO polling
 * request), in the order every entry point applies them: origin (403), then token (401/403/429).
 */
@ApplicationScoped
public class HttpAccess {
    private final OriginPolicy origins;
    private final AccessPolicy access;

    HttpAccess(OriginPolicy origins, AccessPolicy access) {
        this.origins = origins;
        this.access = access;
    }

    /** Checks {@code request}; a refusal carries the status to answer with. */
    public Access check(HttpServerRequest request) {
        if (!origins.permits(request.getHeader(HttpHeaders.ORIGIN))) {
            return Access.refused(AccessFailure.BAD_ORIGIN);
        }
        String token = AccessPolicy.tokenFrom(request.getHeader(HttpHeaders.AUTHORIZATION),
                request.headers().getAll("Sec-WebSocket-Protocol"), request.getParam(AccessPolicy.QUERY_PARAMETER));
        return access.check(clientAddress(request), token);
    }

    /** Headers that go with a refusal: what to present next time, or when to come back. */
    public static Map<String, List<String>> headersFor(AccessFailure failure) {
        return switch (failure) {
            case RATE_LIMITED -> Map.of("Retry-After", List.of("60"));
            case BAD_ORIGIN, NO_ROOMS -> Map.of();
            default -> Map.of("WWW-Authenticate",
                    List.of("Bearer error=\"invalid_token\", error_description=\"" + failure.tag() + "\""));
        };
    }

    /** The address failed checks are counted against (the proxy's forwarded one with quarkus.http.proxy.*). */
    static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
