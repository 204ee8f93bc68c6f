package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Heartbeats in milliseconds and a one-second resume window, so tests see a silent client dropped quickly. */
public class FastHeartbeatProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.heartbeat.interval", "200ms", "signaling.heartbeat.timeout", "1s",
                "signaling.resume.window", "1s");
    }
}
