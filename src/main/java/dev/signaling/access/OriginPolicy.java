package dev.signaling.access;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.signaling.config.SignalingConfig;
import dev.signaling.metrics.SignalingMetrics;

/**
 * The origin allow-list ({@code signaling.allowed-origins}). Any entry point (WebSocket upgrade, HTTP route) asks
 * {@link #permits(String)} with the request's {@code Origin} header and answers 403 when refused.
 */
@ApplicationScoped
public class OriginPolicy {
    private final Set<String> allowed;
    private final SignalingMetrics metrics;

    @Inject
    OriginPolicy(SignalingConfig config, SignalingMetrics metrics) {
        this(config.allowedOrigins().orElse(List.of()), metrics);
    }

    OriginPolicy(List<String> allowed, SignalingMetrics metrics) {
        this.allowed = allowed.stream().map(OriginPolicy::normalize).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.metrics = metrics;
    }

    /**
     * Whether a request with this {@code Origin} header (null when absent) may proceed. Browsers always send one
     * with a WebSocket upgrade; a request without one comes from a non-browser client, which could send any origin
     * it likes anyway, so the list does not apply to it (access tokens do).
     */
    public boolean permits(String origin) {
        if (allowed.isEmpty() || origin == null) {
            return true;
        }
        boolean permitted = allowed.contains(normalize(origin));
        if (!permitted && metrics != null) {
            metrics.originRejected();
        }
        return permitted;
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
