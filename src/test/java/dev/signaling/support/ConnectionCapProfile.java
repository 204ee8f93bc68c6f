package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Connection caps small enough to reach with a handful of sockets, and {@code X-Forwarded-For} trusted so that one
 * test machine can stand for several client addresses.
 */
public class ConnectionCapProfile implements QuarkusTestProfile {
    public static final int MAX_CONNECTIONS = 6;
    public static final int MAX_PER_IP = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.limits.max-connections", Integer.toString(MAX_CONNECTIONS),
                "signaling.limits.max-connections-per-ip", Integer.toString(MAX_PER_IP),
                "signaling.limits.trust-forwarded-for", "true");
    }
}
