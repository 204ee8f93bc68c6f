package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A resume window of seconds and a small buffer, so expiry and overflow are quick to reach. */
public class ShortResumeProfile implements QuarkusTestProfile {
    public static final int BUFFERED = 16;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("signaling.resume.window", "3s", "signaling.resume.buffered-messages", Integer.toString(BUFFERED));
    }
}
