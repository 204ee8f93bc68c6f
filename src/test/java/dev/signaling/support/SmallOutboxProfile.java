package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Outboxes small enough that a client which stops reading exhausts its own (1 MiB) within a few megabytes, while healthy readers never come near it. */
public class SmallOutboxProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.outbox.max-messages", "512", "signaling.outbox.max-bytes", "1048576",
                // the sender floods on purpose: the rate limit is not what this profile is about
                "signaling.rate-limit.messages-per-second", "1000000", "signaling.rate-limit.burst", "1000000");
    }
}
