package dev.signaling.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an end-to-end scenario of {@code src/test/e2e/scenarios/} (Node + playwright-core driving Debian's headless
 * Chromium) against the test server, and fails with the scenario's whole output unless it exits 0.
 * <p>
 * The first call in a JVM installs the pinned npm packages ({@code npm ci}), unless {@code node_modules} already
 * holds exactly what {@code package-lock.json} names.
 */
public final class BrowserScenario {
    /** Where the Node side lives, relative to the project (Maven runs tests from there). */
    public static final Path E2E = Path.of("src", "test", "e2e").toAbsolutePath();
    /** Debian's Chromium: the only browser used; nothing is downloaded. */
    public static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    /** The whole-scenario limit; every single wait inside a scenario is bounded far lower (seconds). */
    private static final Duration LIMIT = Duration.ofSeconds(150);
    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);
    private static final Path STAMP = E2E.resolve("node_modules").resolve(".installed-lock.sha256");

    private static boolean installed;

    private BrowserScenario() {
    }

    /**
     * Runs {@code node scenarios/<script> <baseUrl> <args...>} and returns its output.
     *
     * @param script e.g. {@code demo-room.mjs}
     * @param baseUrl the test server, e.g. from {@code @TestHTTPResource("/")}
     */
    public static String run(String script, URL baseUrl, String... args) {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: the browser tests need Debian's Chromium (apt-get install -y chromium; "
                    + ".ci/run installs it)");
        }
        installOnce();
        List<String> command = new ArrayList<>(List.of("node", "scenarios/" + script, baseUrl.toString()));
        command.addAll(List.of(args));
        Result result = exec(command, LIMIT);
        System.out.println("---- " + String.join(" ", command) + "\n" + result.output);
        if (result.exitCode != 0) {
            fail("browser scenario " + script + " failed (" + result.describeExit() + "):\n" + result.output);
        }
        return result.output;
    }

    /** Where scenarios may write files (screenshots): {@code target/e2e/}. */
    public static Path outputDir() {
        try {
            return Files.createDirectories(Path.of("target", "e2e").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void installOnce() {
        if (installed) {
            return;
        }
        String lockHash = sha256(E2E.resolve("package-lock.json"));
        if (!lockHash.equals(readStamp())) {
            Result result = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), INSTALL_LIMIT);
            if (result.exitCode != 0) {
                fail("npm ci in " + E2E + " failed (" + result.describeExit() + "):\n" + result.output);
            }
            try {
                Files.writeString(STAMP, lockHash);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        installed = true;
    }

    private static String readStamp() {
        try {
            return Files.exists(STAMP) ? Files.readString(STAMP).trim() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result exec(List<String> command, Duration limit) {
        try {
            Path log = Files.createTempFile("e2e-", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(E2E.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                return new Result(finished ? process.exitValue() : -1, finished, limit, output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command + " (are node and npm installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private record Result(int exitCode, boolean finished, Duration limit, String output) {
        String describeExit() {
            return finished ? "exit code " + exitCode : "still running after " + limit.toSeconds() + " s, killed";
        }
    }
}
