package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A half-second resume window: clients that vanish leave their rooms almost at once, as churn tests need. And rooms
 * of up to 200 peers, more than a churn test ever puts in one room (about 150 over all its bursts), so that however
 * late a busy server sees the clients of earlier bursts go, a join never meets a full room.
 */
public class BriefResumeProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.resume.window", "500ms", "signaling.limits.max-peers-per-room", "200");
    }
}
