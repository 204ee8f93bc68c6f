package dev.signaling.edge;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Refuses WebSocket upgrades on every endpoint past the connection caps: 503 when the instance has
 * {@code signaling.limits.max-connections} open, 429 when the client's address has {@code max-connections-per-ip}.
 */
@ApplicationScoped
public class ConnectionLimitUpgradeCheck implements HttpUpgradeCheck {
    private final ConnectionGate gate;

    ConnectionLimitUpgradeCheck(ConnectionGate gate) {
        this.gate = gate;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        int refusal = gate.reserveUpgrade(context.httpRequest());
        return refusal == 0 ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(refusal);
    }
}
