package dev.signaling.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link AuthProfile}, with every category logging at DEBUG into {@link #LOG_FILE}, so a test can read what the
 * server would have written (in-process with {@code @QuarkusTest}, or from the packaged app's process with the IT).
 */
public class LogCaptureProfile extends AuthProfile {
    public static final Path LOG_FILE = Path.of("target", "log-privacy", "server.log").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("quarkus.log.level", "DEBUG");
        config.put("quarkus.log.category.\"dev.signaling\".level", "DEBUG");
        // A file handler of its own: @QuarkusIntegrationTest watches quarkus.log.file.path for the app's start-up.
        config.put("quarkus.log.handler.file.\"privacy\".enabled", "true");
        config.put("quarkus.log.handler.file.\"privacy\".path", LOG_FILE.toString());
        config.put("quarkus.log.handler.file.\"privacy\".level", "DEBUG");
        config.put("quarkus.log.handlers", "privacy");
        // The test's own HTTP clients log their requests, tokens included, at DEBUG. In @QuarkusTest they share the
        // server's JVM and log file, so they are kept quiet: this test is about what the server writes.
        config.put("quarkus.log.category.\"jdk.internal.httpclient.debug\".level", "INFO");
        config.put("quarkus.log.category.\"jdk.internal.httpclient.websocket.debug\".level", "INFO");
        config.put("quarkus.log.category.\"org.apache.http\".level", "INFO");
        return config;
    }
}
