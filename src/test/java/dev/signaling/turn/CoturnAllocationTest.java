package dev.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our TURN credentials against a real coturn with {@code use-auth-secret}: an allocation with an issued credential
 * succeeds, one with a tampered or expired credential fails. The coturn package must be installed
 * ({@code .ci/run} installs it); under CI ({@code CI=true}) its absence fails the test, elsewhere it is skipped with
 * a message saying how to install it.
 */
class CoturnAllocationTest {
    private static final String SECRET = "test-only-coturn-secret";
    private static final Duration PROCESS_LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static Process turnserver;
    private static int port;

    @BeforeAll
    static void startCoturn() throws IOException {
        String server = executable("turnserver");
        port = freePort();
        Path log = dir.resolve("turnserver.log");
        List<String> command = List.of(server, "-n", "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1",
                "--listening-port", Integer.toString(port), "--min-port", "49152", "--max-port", "65535",
                "--use-auth-secret", "--static-auth-secret", SECRET, "--realm", "signaling.test",
                "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers",
                "--log-file", "stdout", "--pidfile", dir.resolve("turnserver.pid").toString(),
                "--db", dir.resolve("turndb").toString());
        turnserver = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(PROCESS_LIMIT).until(() -> !turnserver.isAlive()
                || Files.readString(log).contains("Total General servers"));
        assertThat(turnserver.isAlive()).as("turnserver is running; its log:%n%s", Files.readString(log)).isTrue();
    }

    @AfterAll
    static void stopCoturn() throws InterruptedException {
        if (turnserver != null) {
            turnserver.destroy();
            if (!turnserver.waitFor(10, TimeUnit.SECONDS)) {
                turnserver.destroyForcibly();
            }
        }
    }

    @Test
    void anAllocationWithOurCredentialSucceeds() throws Exception {
        TurnCredentials.Issued issued = credentials(Clock.systemUTC()).issue("peer-a");
        Result result = allocate(issued.username(), issued.credential());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("Cannot complete Allocation");
    }

    @Test
    void aTamperedPasswordIsRefused() throws Exception {
        TurnCredentials.Issued issued = credentials(Clock.systemUTC()).issue("peer-b");
        char first = issued.credential().charAt(0);
        String tampered = (first == 'A' ? 'B' : 'A') + issued.credential().substring(1);
        assertRefused(allocate(issued.username(), tampered));
    }

    @Test
    void aTamperedUserNameIsRefused() throws Exception {
        TurnCredentials.Issued issued = credentials(Clock.systemUTC()).issue("peer-c");
        String longerLife = (Long.parseLong(issued.username().split(":")[0]) + 86_400) + ":peer-c";
        assertRefused(allocate(longerLife, issued.credential()));
    }

    @Test
    void anExpiredCredentialIsRefused() throws Exception {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        TurnCredentials.Issued issued = credentials(twoHoursAgo).issue("peer-d");
        assertRefused(allocate(issued.username(), issued.credential()));
    }

    private static TurnCredentials credentials(Clock clock) {
        return new TurnCredentials(SECRET, Duration.ofHours(1), List.of("turn:127.0.0.1:" + port), clock);
    }

    private static void assertRefused(Result result) {
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("Cannot complete Allocation");
    }

    private record Result(int exitCode, String output) {
    }

    /** One client allocating a relay and sending a message to itself through it (-y), over UDP. */
    private static Result allocate(String username, String password) throws Exception {
        List<String> command = new ArrayList<>(List.of(executable("turnutils_uclient"), "-p", Integer.toString(port),
                "-u", username, "-w", password, "-n", "1", "-m", "1", "-y", "-c", "127.0.0.1"));
        Path out = Files.createTempFile(dir, "uclient", ".log");
        Process client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!client.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("turnutils_uclient did not finish within " + PROCESS_LIMIT + ":\n"
                    + Files.readString(out));
        }
        return new Result(client.exitValue(), Files.readString(out));
    }

    private static String executable(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/local/bin").split(":")) {
            File candidate = new File(directory, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        String message = name + " is not installed (Debian package coturn: apt-get install -y coturn)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + "; .ci/run installs it, so under CI its absence is a failure");
        }
        Assumptions.abort(message);
        return null;
    }

    /** A port free for both UDP and TCP on loopback right now. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                int candidate = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(candidate, 1, java.net.InetAddress.getLoopbackAddress())) {
                    return candidate;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free loopback port");
    }
}
