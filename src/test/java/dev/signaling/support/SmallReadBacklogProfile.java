package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An event loop may have 64 KiB of received frames waiting (a few hundred small ones) before it stops reading the
 * sender; the rate limit is out of the way, since the sender floods on purpose. So is the receiver's outbox limit:
 * the burst is 2,000 frames, and a test client that reads them late on a busy machine would otherwise, rightly, be
 * cut off as a slow consumer (1013) at 1,024 waiting, which is not what these tests are about.
 */
public class SmallReadBacklogProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.limits.max-read-backlog-bytes", "65536",
                "signaling.rate-limit.messages-per-second", "1000000", "signaling.rate-limit.burst", "1000000",
                "signaling.outbox.max-messages", "100000", "signaling.outbox.max-bytes", "67108864");
    }
}
