package dev.signaling.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/** While draining, WebSocket upgrades on every endpoint are refused with 503: clients go to another instance. */
@ApplicationScoped
public class DrainingUpgradeCheck implements HttpUpgradeCheck {
    static final int SERVICE_UNAVAILABLE = 503;

    private final Drain drain;

    DrainingUpgradeCheck(Drain drain) {
        this.drain = drain;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return drain.isDraining() ? CheckResult.rejectUpgrade(SERVICE_UNAVAILABLE) : CheckResult.permitUpgrade();
    }
}
