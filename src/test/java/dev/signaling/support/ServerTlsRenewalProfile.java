package dev.signaling.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ServerTlsProfile}, with the certificate files read again every {@link #RELOAD_PERIOD}
 * ({@code signaling.tls-renewal-check}), so that a renewal written in their place takes effect without a restart.
 */
public class ServerTlsRenewalProfile extends ServerTlsProfile {
    public static final Duration RELOAD_PERIOD = Duration.ofSeconds(1);

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("signaling.tls-renewal-check", RELOAD_PERIOD.toSeconds() + "s");
        return config;
    }
}
