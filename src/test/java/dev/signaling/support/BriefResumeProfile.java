package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A half-second resume window: clients that vanish leave their rooms almost at once, as churn tests need. */
public class BriefResumeProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.resume.window", "500ms");
    }
}
