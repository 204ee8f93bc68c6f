package dev.signaling.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive whenever this process can answer HTTP. Deliberately depends on nothing else: restarting an instance
 * because a shared service (say, Redis) is down would only drop every client for nothing.
 */
@Liveness
@ApplicationScoped
public class ProcessLivenessCheck implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("process");
    }
}
