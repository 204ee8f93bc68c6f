package dev.signaling.edge;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Event;
import dev.signaling.metrics.SignalingMetrics;
import io.quarkus.websockets.next.WebSocketConnection;

/** Makes the {@link ConnectionOutbox} of each new connection, with the configured budgets. */
@ApplicationScoped
public class ConnectionOutboxes {
    private final SignalingMetrics metrics;
    private final SignalingConfig.Outbox config;

    ConnectionOutboxes(SignalingMetrics metrics, SignalingConfig config) {
        this.metrics = metrics;
        this.config = config.outbox();
    }

    public ConnectionOutbox create(WebSocketConnection connection, String dialect, Function<Event, String> encoder) {
        return new ConnectionOutbox(connection, encoder, dialect, metrics, config.maxMessages(), config.maxBytes());
    }
}
