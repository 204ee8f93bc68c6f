package dev.signaling.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.awaitility.Awaitility;

/**
 * A real {@code redis-server} (the Debian package) on a free loopback port, started and stopped by a test: a primary,
 * a replica of one, or a Sentinel. It keeps nothing on disk, so a restart is a Redis that lost everything, the worst
 * case for the routers.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    /** How to start it, but for the port, directory and log level. */
    private final List<String> command;
    /** Whether it speaks TLS only (on its port; no plain port). */
    private final boolean tls;
    private Process process;

    private RedisServer(int port, Path dir, List<String> command, boolean tls) {
        this.port = port;
        this.dir = dir;
        this.command = command;
        this.tls = tls;
    }

    public static RedisServer start() {
        return start(dir -> List.of("redis-server", "--save", "", "--appendonly", "no"));
    }

    /** A replica of {@code primary} (which it copies everything from as it starts). */
    public static RedisServer startReplicaOf(RedisServer primary) {
        return start(dir -> List.of("redis-server", "--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1",
                Integer.toString(primary.port())));
    }

    /** A node of a Redis Cluster, alone (no slots assigned): what the Redis router must warn about. */
    public static RedisServer startClusterNode() {
        return start(dir -> List.of("redis-server", "--save", "", "--appendonly", "no", "--cluster-enabled", "yes"));
    }

    /**
     * A Sentinel watching {@code primary} as {@code masterName}, alone (quorum 1), that counts a primary silent for a
     * second as down. A Sentinel rewrites its configuration file, so it gets one of its own.
     */
    public static RedisServer startSentinel(String masterName, RedisServer primary) {
        return start(dir -> {
            Path config = dir.resolve("sentinel.conf");
            try {
                Files.writeString(config, "sentinel monitor " + masterName + " 127.0.0.1 " + primary.port() + " 1\n"
                        + "sentinel down-after-milliseconds " + masterName + " 1000\n"
                        + "sentinel failover-timeout " + masterName + " 10000\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return List.of("redis-server", config.toString(), "--sentinel");
        });
    }

    /**
     * A Redis that speaks only TLS, with a self-signed certificate for 127.0.0.1 made by {@code openssl} in its
     * directory ({@link #certificate()}); clients need no certificate of their own.
     */
    public static RedisServer startTls() {
        return startTls(false);
    }

    /**
     * A TLS-only server whose certificate ({@link #certificate()}, key {@link #key()}) is made by {@code openssl} for
     * 127.0.0.1; with {@code askClientCertificates} (Redis's own default), it takes only clients that present a
     * certificate it signed, such as that same one.
     */
    public static RedisServer startTls(boolean askClientCertificates) {
        return start(dir -> {
            TestCertificate.make(dir, "IP:127.0.0.1");
            return List.of("redis-server", "--save", "", "--appendonly", "no",
                    "--tls-cert-file", dir.resolve("cert.pem").toString(),
                    "--tls-key-file", dir.resolve("key.pem").toString(),
                    "--tls-ca-cert-file", dir.resolve("cert.pem").toString(),
                    "--tls-auth-clients", askClientCertificates ? "yes" : "no");
        }, true);
    }

    /** The certificate a {@link #startTls()} server presents (PEM). */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    /** The private key of {@link #certificate()} (PEM). */
    public Path key() {
        return dir.resolve("key.pem");
    }

    private static RedisServer start(Function<Path, List<String>> command) {
        return start(command, false);
    }

    private static RedisServer start(Function<Path, List<String>> command, boolean tls) {
        try {
            Path dir = Files.createTempDirectory("redis-test");
            RedisServer server = new RedisServer(Ports.free(), dir, command.apply(dir), tls);
            server.restart();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
    }

    /** Starts the server (again, on the same port) and waits until it answers. */
    public void restart() {
        try {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--bind", "127.0.0.1", "--dir", dir.toString(), "--loglevel", "warning"));
            args.addAll(tls ? List.of("--port", "0", "--tls-port", Integer.toString(port))
                    : List.of("--port", Integer.toString(port)));
            process = new ProcessBuilder(args).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server (apt-get install redis-server)", e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(this::answers);
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes the server (SIGSTOP): its connections stay open and nothing is answered, as with a hung Redis. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused server go on (SIGCONT); nothing to do for one that is not running. */
    public void resume() {
        if (process.isAlive()) {
            signal("-CONT");
        }
    }

    private void signal(String which) {
        try {
            Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + which + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            kill();
        }
    }

    /** Sends one inline command (e.g. {@code SCRIPT FLUSH}) on a connection of its own; returns the reply's line. */
    public String run(String inlineCommand) {
        try {
            return reply(inlineCommand, 1000, 5000, RedisServer::line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One field of {@code INFO section} ({@code name:value} lines), e.g. a replica's {@code master_link_status}. */
    public String info(String section, String name) {
        return text("INFO " + section).lines().filter(l -> l.startsWith(name + ":"))
                .map(l -> l.substring(name.length() + 1)).findFirst().orElse("");
    }

    /** Sends one inline command whose reply is a bulk string ({@code INFO}, {@code CLIENT LIST}); returns its text. */
    public String text(String inlineCommand) {
        try {
            return reply(inlineCommand, 1000, 5000, in -> {
                String header = line(in); // $<length> of the bulk string
                return new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.UTF_8);
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reply's first line, without its CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        in.read(); // \n
        return line.toString();
    }

    /**
     * Runs one command on a {@link #startTls} server through {@code redis-cli} (which speaks TLS, presenting the
     * server's own certificate as a client's), and returns what it printed; "" when it could not run.
     */
    public String tlsCommand(String... command) {
        return tlsCli(ownCertificate(), List.of(command), List.of());
    }

    /** As {@link #tlsCommand}, with several commands (inline, one per line) on one connection. */
    public String tlsCommands(String... lines) {
        return tlsCommandsAs(ownCertificate(), lines);
    }

    /** As {@link #tlsCommands}, presenting {@code client}'s certificate. */
    public String tlsCommandsAs(TestCertificate client, String... lines) {
        return tlsCli(client, List.of(), List.of(lines));
    }

    /** A {@link #startTls} server's certificate and key, which it also trusts from a client. */
    public TestCertificate ownCertificate() {
        return new TestCertificate(certificate(), key());
    }

    private String tlsCli(TestCertificate client, List<String> command, List<String> lines) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "--tls", "--cacert", certificate().toString(),
                "--cert", client.certificate().toString(), "--key", client.key().toString(), "-p",
                Integer.toString(port)));
        args.addAll(command);
        try {
            Process cli = new ProcessBuilder(args).redirectErrorStream(true).start();
            try (var in = cli.getOutputStream()) {
                in.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            }
            String reply = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return cli.waitFor(5, TimeUnit.SECONDS) ? reply : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private boolean answers() {
        if (tls) {
            return tlsCommand("PING").equals("PONG");
        }
        try {
            return reply("PING", 200, 500, RedisServer::line).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads (part of) a reply. */
    private interface ReplyReader<T> {
        T read(InputStream in) throws IOException;
    }

    /** Sends one inline command on a connection of its own and reads its reply with {@code reader}. */
    private <T> T reply(String inlineCommand, int connectMillis, int readMillis, ReplyReader<T> reader)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), connectMillis);
            socket.setSoTimeout(readMillis);
            OutputStream out = socket.getOutputStream();
            out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reader.read(socket.getInputStream());
        }
    }
}
