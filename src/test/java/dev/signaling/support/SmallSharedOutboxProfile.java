package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A 1 MiB budget for all outboxes together, with each connection's own budget left large (1024 frames, 64 MiB):
 * a client that stops reading runs into the shared budget long before its own.
 */
public class SmallSharedOutboxProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.outbox.max-total-bytes", "1048576", "signaling.outbox.max-bytes", "67108864",
                // the sender floods on purpose: the rate limit is not what this profile is about
                "signaling.rate-limit.messages-per-second", "1000000", "signaling.rate-limit.burst", "1000000");
    }
}
