package dev.signaling.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Access tokens on (RS256/ES256 keys of {@link TestKeys}, as a JWKS), an origin allow-list, TURN credentials and a
 * one-second clock skew. The failure budget is large here so that the many rejections of these tests, all from
 * 127.0.0.1, never trip the rate limit (it has its own profile).
 */
public class AuthProfile implements QuarkusTestProfile {
    public static final String ALLOWED_ORIGIN = "https://app.example.org";
    public static final String TURN_SECRET = "test-only-turn-secret";
    public static final String TURN_URL = "turn:127.0.0.1:3478?transport=udp";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("signaling.auth.enabled", "true");
        config.put("signaling.auth.public-key", TestKeys.jwks());
        config.put("signaling.auth.clock-skew", "1s");
        config.put("signaling.auth.rate-limit.burst", "100000");
        config.put("signaling.allowed-origins", ALLOWED_ORIGIN + ",http://localhost:3000");
        config.put("signaling.turn.secret", TURN_SECRET);
        config.put("signaling.turn.urls", TURN_URL);
        config.put("signaling.turn.ttl", "10m");
        return config;
    }
}
