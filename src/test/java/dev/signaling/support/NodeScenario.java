package dev.signaling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs one scenario of {@code src/test/node/scenario.js}, which drives real socket.io-client 4.x or 2.x against
 * the server under test, and fails the test with the script's output unless it succeeded. The script bounds every
 * wait itself; the process gets a minute at most.
 */
public final class NodeScenario {
    private static final Path SCRIPT = Path.of("src", "test", "node", "scenario.js");

    private NodeScenario() {
    }

    /** {@code client}: "4" or "2"; {@code transports}: "default" (polling, then upgrade) or "websocket". */
    public static void run(URI server, String scenario, String client, String transports) {
        run(List.of(server), scenario, client, transports);
    }

    /**
     * As {@link #run(URI, String, String, String)}, with the scenario's clients spread over {@code servers} in turn
     * (instances of one cluster): the first client connects to the first server, the second to the second, and so on.
     */
    public static void run(List<URI> servers, String scenario, String client, String transports) {
        run(servers, scenario, client, transports, Map.of());
    }

    /**
     * As {@link #run(List, String, String, String)}, with variables added to the script's environment (e.g.
     * {@code NODE_EXTRA_CA_CERTS}, a certificate Node.js should trust for {@code https} servers).
     */
    public static void run(List<URI> servers, String scenario, String client, String transports,
            Map<String, String> environment) {
        String base = servers.stream().map(server -> server.toString().replaceAll("/+$", ""))
                .collect(Collectors.joining(","));
        try {
            Path log = Files.createTempFile("scenario-", ".log");
            ProcessBuilder node = new ProcessBuilder("node", SCRIPT.getFileName().toString(), scenario, client,
                    transports, base).directory(SCRIPT.getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            node.environment().putAll(environment);
            Process process = node.start();
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            assertThat(finished).as("scenario %s finished in time; output:%n%s", scenario, output).isTrue();
            assertThat(process.exitValue()).as("scenario %s output:%n%s", scenario, output).isZero();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node " + SCRIPT + " (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
