package dev.signaling.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.signaling.lifecycle.Drain;

/** Not ready from the moment shutdown starts, so load balancers stop sending new clients here. */
@Readiness
@ApplicationScoped
public class DrainReadinessCheck implements HealthCheck {
    private final Drain drain;

    DrainReadinessCheck(Drain drain) {
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting-connections").status(!drain.isDraining()).build();
    }
}
