package dev.signaling.support;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The defaults, with every WARN and ERROR the server logs also written to {@link #LOG_FILE}, so a test can check that
 * something a client does leaves no error in the log (in-process with {@code @QuarkusTest}, or from the packaged
 * app's process with the IT). The file is appended to by both runs: read it from where it ended before the test.
 * The resume window is a second, so a {@code /signal} peer whose connection broke is seen to leave soon.
 */
public class ErrorLogProfile implements QuarkusTestProfile {
    public static final Path LOG_FILE = Path.of("target", "error-log", "server.log").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                // A file handler of its own: @QuarkusIntegrationTest watches quarkus.log.file.path for the app's start-up.
                "quarkus.log.handler.file.\"errors\".enabled", "true",
                "quarkus.log.handler.file.\"errors\".path", LOG_FILE.toString(),
                "quarkus.log.handler.file.\"errors\".level", "WARN",
                "quarkus.log.handlers", "errors",
                "signaling.resume.window", "1s");
    }
}
