package dev.signaling.access;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Grant;
import dev.signaling.metrics.SignalingMetrics;

/**
 * Decides whether a request may proceed and with what {@link Grant}: the one place every entry point (WebSocket
 * upgrade, HTTP route, Socket.IO polling) asks. With tokens off everyone gets {@link Grant#OPEN}. With tokens on:
 * a client address over its failed-check budget is refused with 429 before anything else, then the token is
 * verified; failures are counted by reason and spent from the address's budget.
 */
@ApplicationScoped
public class AccessPolicy {
    /**
     * The subprotocol a browser offers, followed by its token, when it cannot put the token in the URL:
     * {@code new WebSocket(url, ["access_token", token])}. The server answers with this subprotocol.
     */
    public static final String SUBPROTOCOL = "access_token";
    /** The query parameter that may carry the token. */
    public static final String QUERY_PARAMETER = "access_token";

    private final boolean enabled;
    private final Optional<TokenVerifier> verifier;
    private final FailureLimiter limiter;
    private final SignalingMetrics metrics;

    AccessPolicy(SignalingConfig config, SignalingMetrics metrics) {
        SignalingConfig.Auth auth = config.auth();
        this.enabled = auth.enabled();
        this.verifier = enabled ? Optional.of(new TokenVerifier(auth)) : Optional.empty();
        SignalingConfig.FailedChecksLimit limit = auth.rateLimit();
        this.limiter = new FailureLimiter(limit.burst(), limit.perMinute(), limit.maxClients(), System::nanoTime);
        this.metrics = metrics;
    }

    /** Whether access tokens are required. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Checks the token a client at {@code clientAddress} presented (null when it presented none; see
     * {@link #tokenFrom}).
     */
    public Access check(String clientAddress, String token) {
        if (!enabled) {
            return Access.granted(Grant.OPEN);
        }
        String client = clientAddress == null ? "unknown" : clientAddress;
        if (limiter.exhausted(client)) {
            metrics.authFailure(AccessFailure.RATE_LIMITED.tag());
            return Access.refused(AccessFailure.RATE_LIMITED);
        }
        Access access = verifier.orElseThrow().verify(token);
        if (!access.isGranted()) {
            limiter.failed(client);
            metrics.authFailure(access.failure().tag());
        }
        return access;
    }

    /**
     * The token of a request, from wherever it came: an {@code Authorization: Bearer} header, the entry after
     * {@value #SUBPROTOCOL} among the {@code Sec-WebSocket-Protocol} values, or the {@value #QUERY_PARAMETER} query
     * parameter, in that order. Null when none carries one.
     */
    public static String tokenFrom(String authorization, List<String> subprotocolHeaders, String queryParameter) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (subprotocolHeaders != null) {
            boolean next = false;
            for (String header : subprotocolHeaders) {
                for (String protocol : header.split(",")) {
                    String value = protocol.trim();
                    if (next) {
                        return value;
                    }
                    next = SUBPROTOCOL.equals(value);
                }
            }
        }
        return queryParameter == null || queryParameter.isEmpty() ? null : queryParameter;
    }
}
