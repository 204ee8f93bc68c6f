package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Access tokens on (HS256, test-only secret) with a failure budget of 3 per client address that never refills. */
public class RateLimitProfile implements QuarkusTestProfile {
    public static final int BURST = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "signaling.auth.enabled", "true",
                "signaling.auth.secret", TestKeys.HMAC_SECRET,
                "signaling.auth.rate-limit.burst", Integer.toString(BURST),
                "signaling.auth.rate-limit.per-minute", "0");
    }
}
