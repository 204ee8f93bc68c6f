package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** No per-connection rate limit to speak of: the load generator sends far faster than a browser. */
public class UnthrottledProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.rate-limit.messages-per-second", "1000000",
                "signaling.rate-limit.burst", "1000000",
                "signaling.limits.max-rooms-per-peer", "100");
    }
}
