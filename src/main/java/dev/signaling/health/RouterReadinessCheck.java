package dev.signaling.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.signaling.router.Router;

/**
 * Ready while the router can take requests: a load balancer sends new clients only to ready instances. While not, its
 * data says why (for the Redis router: the last connection failure, without credentials).
 */
@Readiness
@ApplicationScoped
public class RouterReadinessCheck implements HealthCheck {
    private final Router router;

    RouterReadinessCheck(Router router) {
        this.router = router;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("router")
                .status(router.isReady())
                .withData("peers", router.localPeerCount())
                .withData("rooms", router.localRoomCount());
        router.whyNotReady().ifPresent(reason -> response.withData("reason", reason));
        return response.build();
    }
}
