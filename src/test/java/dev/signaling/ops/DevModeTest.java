package dev.signaling.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.signaling.support.Ports;
import dev.signaling.support.TestClient;
import io.restassured.RestAssured;

/**
 * The README's first command, {@code ./mvnw quarkus:dev}, run on a copy of the project: the server comes up with its
 * embedded defaults, and a change to a Java source and to the page is live at the next request, with every dialect
 * still working after the restart that brings it. Every start-up and shutdown hook of ours (event loops, the
 * Socket.IO routes, the drain, the meters) runs twice in one JVM here, which no other test does. The copy is made
 * so that the test never touches the sources it runs from.
 */
class DevModeTest {
    private static final Path COPY = Path.of("target", "dev-mode", "project").toAbsolutePath();
    private static final Path LOG = COPY.resolveSibling("quarkus-dev.log");
    private static final Duration FIRST_START = Duration.ofMinutes(5); // may fetch dev mode's own artifacts first

    private Process devMode;

    /** A class dev mode has not seen: a liveness check, which {@code /q/health/live} lists once it is compiled. */
    private static final String PROBE = """
            package dev.signaling.health;

            import jakarta.enterprise.context.ApplicationScoped;

            import org.eclipse.microprofile.health.HealthCheck;
            import org.eclipse.microprofile.health.HealthCheckResponse;
            import org.eclipse.microprofile.health.Liveness;

            @Liveness
            @ApplicationScoped
            public class LiveReloadProbe implements HealthCheck {
                @Override
                public HealthCheckResponse call() {
                    return HealthCheckResponse.up("live-reload-probe");
                }
            }
            """;

    @Test
    void devModeServesTheProjectAndReloadsChangedSources() throws Exception {
        copyProject();
        String base = "http://127.0.0.1:" + Ports.free();
        devMode = startDevMode(URI.create(base).getPort());

        await().atMost(FIRST_START).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> given().baseUri(base).get("/q/health/ready").then().statusCode(200));
        everyDialectWorks(base);

        // A page left open during the reload is told to go away (1001), so that it reconnects.
        try (TestClient open = TestClient.signal(URI.create(base.replace("http", "ws") + "/signal"))) {
            open.join("across the reload");

            // A new class and an edited page: the next request recompiles, restarts and serves both.
            Files.writeString(COPY.resolve("src/main/java/dev/signaling/health/LiveReloadProbe.java"), PROBE);
            Path page = COPY.resolve("src/main/resources/META-INF/resources/index.html");
            Files.writeString(page, Files.readString(page).replace("</body>", "<p>edited in dev mode</p></body>"));

            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> given().baseUri(base)
                    .get("/q/health/live").then().statusCode(200).body("checks.name", hasItem("live-reload-probe")));
            given().baseUri(base).get("/").then().statusCode(200).body(containsString("edited in dev mode"));
            assertThat(open.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        }
        everyDialectWorks(base);

        assertThat(log()).as("dev mode's log").contains("Live reload total time")
                .doesNotContainPattern("(?m)^\\S+ \\S+ ERROR ");
    }

    /** {@code /signal}, {@code /compat/login} and Socket.IO's handshake, against the running dev-mode server. */
    private static void everyDialectWorks(String base) {
        URI ws = URI.create(base.replace("http", "ws"));
        try (TestClient a = TestClient.signal(ws.resolve("/signal"));
                TestClient b = TestClient.signal(ws.resolve("/signal"))) {
            TestClient.exchange(a, b, "in dev mode");
        }
        try (TestClient login = TestClient.connect(ws.resolve("/compat/login"))) {
            login.send(TestClient.msg("type", "login", "name", "dev-mode"));
            assertThat(login.awaitType("login").path("success").asBoolean()).isTrue();
        }
        given().baseUri(base).get("/socket.io/?EIO=4&transport=polling").then().statusCode(200)
                .body(containsString("\"sid\""));
    }

    /** What {@code ./mvnw quarkus:dev} needs of the project: the build, the wrapper and the main sources. */
    private static void copyProject() throws IOException {
        if (Files.exists(COPY)) {
            try (Stream<Path> old = Files.walk(COPY)) {
                old.sorted((x, y) -> y.compareTo(x)).forEach(path -> path.toFile().delete());
            }
        }
        Path root = Path.of("").toAbsolutePath();
        for (String part : List.of("pom.xml", "mvnw", ".mvn", "src/main")) {
            Path from = root.resolve(part);
            try (Stream<Path> files = Files.walk(from)) {
                files.forEach(file -> {
                    Path to = COPY.resolve(root.relativize(file).toString());
                    try {
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else {
                            Files.createDirectories(to.getParent());
                            Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    private static Process startDevMode(int port) throws IOException {
        // -Dskip.npm: the copy has the Socket.IO client's node_modules already (the build installed them). No debug
        // port, console or analytics question: nobody is there to answer.
        ProcessBuilder builder = new ProcessBuilder("./mvnw", "-B", "quarkus:dev", "-Dskip.npm",
                "-Dquarkus.http.port=" + port, "-Ddebug=false", "-Dquarkus.console.enabled=false",
                "-Dquarkus.analytics.disabled=true").directory(COPY.toFile()).redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        // The Maven running this test exports its project's directory; the copy is a project of its own.
        builder.environment().keySet().removeIf(name -> name.startsWith("MAVEN_"));
        return builder.start();
    }

    private static String log() throws IOException {
        return Files.readString(LOG, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopDevMode() throws Exception {
        RestAssured.reset();
        if (devMode == null) {
            return;
        }
        // Maven runs the application in a JVM of its own: stop that one too, gracefully first.
        List<ProcessHandle> tree = Stream.concat(devMode.descendants(), Stream.of(devMode.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        if (!devMode.waitFor(30, TimeUnit.SECONDS)) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        for (ProcessHandle process : tree) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }
}
