package dev.signaling.edge;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.access.Access;
import dev.signaling.access.HttpAccess;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Checks every WebSocket upgrade, of every endpoint, before a socket exists: origin allow-list, then access token.
 * A refused upgrade gets its status (401, 403, 429) and no socket, so a refused client never becomes a peer. The
 * grant of an accepted one travels to the connection in its user data (see {@link ConnectionGrants}), and its
 * socket gets the handler that holds back a client the server cannot keep up with (see {@link ReadBackpressure}).
 */
@ApplicationScoped
public class UpgradeGate implements HttpUpgradeCheck {
    private final HttpAccess access;
    private final ReadBackpressure reads;

    UpgradeGate(HttpAccess access, ReadBackpressure reads) {
        this.access = access;
        this.reads = reads;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        Access decision = access.check(context.httpRequest());
        if (!decision.isGranted()) {
            return CheckResult.rejectUpgrade(decision.status(), HttpAccess.headersFor(decision.failure()));
        }
        context.userData().put(ConnectionGrants.GRANT, decision.grant());
        reads.watch(context.httpRequest(), context.userData());
        return CheckResult.permitUpgrade();
    }
}
