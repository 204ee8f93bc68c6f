package dev.signaling.router;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.signaling.config.SignalingConfig;

/** The one place that decides which {@link Router} the server runs with ({@code signaling.router}). */
@ApplicationScoped
public class RouterProducer {

    @Produces
    @ApplicationScoped
    Router router(SignalingConfig config) {
        return switch (config.router()) {
            case local -> new LocalRouter();
        };
    }
}
