package dev.signaling.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An HTTP idle timeout of half a second, far shorter than any heartbeat's interval, and an origin allow-list, so a
 * test can have the server refuse an upgrade.
 */
public class ShortHttpIdleTimeoutProfile implements QuarkusTestProfile {
    public static final String ALLOWED_ORIGIN = "https://app.example.org";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.idle-timeout", "500ms", "signaling.allowed-origins", ALLOWED_ORIGIN);
    }
}
