package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A rate limit small enough to hit with a handful of frames. */
public class TightRateProfile implements QuarkusTestProfile {
    public static final int BURST = 10;
    public static final int REFUSALS_BEFORE_CLOSE = 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.rate-limit.messages-per-second", "1",
                "signaling.rate-limit.burst", Integer.toString(BURST),
                "signaling.rate-limit.refusals-before-close", Integer.toString(REFUSALS_BEFORE_CLOSE));
    }
}
