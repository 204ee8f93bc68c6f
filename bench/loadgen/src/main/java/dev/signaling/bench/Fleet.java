package dev.signaling.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The clients of a run and the event loops they live on. Clients are spread round-robin over {@code --threads}
 * loops; connecting is throttled to {@code --connect-concurrency} handshakes at a time, as a crowd of browsers
 * arriving over a few seconds would be rather than a single burst.
 */
final class Fleet implements AutoCloseable {
    final Options options;
    final Dialect dialect;
    final Ledger ledger = new Ledger();
    final Vertx vertx;
    /** Names differ between runs, so a run against a server still holding the last run's logins cannot collide. */
    final String runTag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    private final Context[] loops;
    private final WebSocketClient transport;
    private final ConcurrentLinkedQueue<Client> everyone = new ConcurrentLinkedQueue<>();
    private final java.util.Map<Integer, Client> byIndex = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, String> upgradeHeaders;

    Fleet(Options options) throws Exception {
        this.options = options;
        this.dialect = Dialect.named(options.proto(), namePrefix(), byIndex::get);
        this.upgradeHeaders = options.upgradeHeaders();
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(options.threads())
                .setPreferNativeTransport(true)
                .setBlockedThreadCheckInterval(60_000));
        this.loops = eventLoopContexts(vertx, options.threads());
        this.transport = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(Integer.MAX_VALUE)
                .setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 20)
                .setConnectTimeout(options.setupTimeout() * 1000)
                .setTcpNoDelay(true));
    }

    boolean nativeTransport() {
        return vertx.isNativeTransportEnabled();
    }

    /** One context per event loop: a verticle instance each, since Vert.x gives every instance its own loop. */
    private static Context[] eventLoopContexts(Vertx vertx, int count) throws Exception {
        ConcurrentLinkedQueue<Context> contexts = new ConcurrentLinkedQueue<>();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                contexts.add(context);
            }
        }, new DeploymentOptions().setInstances(count)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return contexts.toArray(Context[]::new);
    }

    Client client(int index, List<String> rooms, Set<Integer> roomIndexes) {
        Client c = new Client(index, namePrefix() + index, rooms, roomIndexes, dialect, ledger,
                loops[index % loops.length]);
        everyone.add(c);
        byIndex.put(index, c);
        return c;
    }

    private String namePrefix() {
        return "c" + runTag + "-";
    }

    Context loop(int i) {
        return loops[i % loops.length];
    }

    int loopCount() {
        return loops.length;
    }

    CompletableFuture<Client> connect(Client client) {
        return client.connect(transport, options.urls().get(client.index() % options.urls().size()), upgradeHeaders);
    }

    /**
     * Connects every client and waits until each is ready or failed, at most {@code --setup-timeout} seconds.
     * Returns the clients that are ready.
     */
    List<Client> connectAll(List<Client> clients) throws InterruptedException {
        Semaphore slots = new Semaphore(options.connectConcurrency());
        List<CompletableFuture<Client>> pending = new ArrayList<>(clients.size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.setupTimeout());
        for (Client c : clients) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                ledger.error("setup-timeout", "connecting took longer than " + options.setupTimeout() + " s");
                break;
            }
            pending.add(connect(c).whenComplete((ok, failed) -> slots.release()));
        }
        List<Client> ready = new ArrayList<>(clients.size());
        for (CompletableFuture<Client> f : pending) {
            try {
                ready.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                ledger.error("setup-timeout", "a client was not ready after " + options.setupTimeout() + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                // already counted by the client
            }
        }
        return ready;
    }

    long openCount() {
        return everyone.stream().filter(Client::open).count();
    }

    /** Closes every socket and waits (briefly) for the closes to complete. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (Client c : everyone) {
            c.close();
            closes.add(c.closed());
        }
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the event loops are daemon threads; nothing is left to wait for
        }
    }
}
