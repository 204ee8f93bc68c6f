package dev.signaling.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of a server, which can play a network that stops delivering: it holds
 * what the clients of the connections open at that moment send (their server reads nothing more, and no reset tells
 * anyone), can cut those clients off, and can later deliver what it held, as a link that comes back would. It can
 * also drop what the server sends on the Redis subscriptions open at that moment (a network that lost those flows
 * only), or hold what it sends on the other connections for a while. New connections pass through untouched, unless
 * it plays a network that drops everything ({@link #dropNewConnections}): then their connection attempts hang, as
 * their SYNs go unanswered, until {@link #acceptAgain}; or a server that accepts connections and never answers them
 * ({@link #holdNewConnections}); or a network slow on the flows that subscribe
 * ({@link #holdSubscriptions}): a client's Redis SUBSCRIBE, and what follows it, waits here until
 * {@link #deliverSubscriptions}.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    /** Connections of our own that fill the listener's backlog while new connections are dropped. */
    private final List<Socket> fillers = new CopyOnWriteArrayList<>();
    /** Open while connections are accepted; the accept loop waits on it otherwise. */
    private volatile CompletableFuture<Void> accepting = CompletableFuture.completedFuture(null);
    /** While subscriptions are held: completed once one was. */
    private volatile CompletableFuture<Void> holdingSubscriptions;
    /** While set, what the client of a new connection sends is held from the start: a server that never answers. */
    private volatile boolean holdingNewConnections;
    /** Bytes forwarded from clients to the server, on every connection so far. */
    private final AtomicLong forwarded = new AtomicLong();

    private TcpProxy(int target) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        daemon("proxy-accept", this::accept);
    }

    /** A proxy to {@code port} on loopback. */
    public static TcpProxy to(int port) {
        try {
            return new TcpProxy(port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on, what the clients of every connection open now send is held here instead of delivered. */
    public void holdOpenConnections() {
        pipes.removeIf(pipe -> pipe.serverClosed.isDone()); // closed meanwhile: nothing to hold
        pipes.forEach(Pipe::hold);
    }

    /** From now on, what the server sends on every connection that subscribed (Redis SUBSCRIBE) is dropped. */
    public void muteSubscriptions() {
        pipes.stream().filter(pipe -> pipe.subscribed).forEach(pipe -> pipe.muted = true);
    }

    /**
     * From now on, what the server sends on every connection open now that did not subscribe (a Redis client's command
     * connection) is held here, until {@link #deliverReplies()}: a network slow in one direction, on one flow.
     */
    public void holdReplies() {
        pipes.stream().filter(pipe -> !pipe.subscribed).forEach(Pipe::holdReplies);
    }

    /** Delivers what {@link #holdReplies()} held, and forwards again. */
    public void deliverReplies() {
        pipes.forEach(Pipe::deliverReplies);
    }

    /**
     * From now on, new connections are accepted, but what their clients send is held here, as if their server had
     * stopped reading: a hung server, or a network that fails right after the handshake. They stay held after
     * {@link #passNewConnections()}.
     */
    public void holdNewConnections() {
        holdingNewConnections = true;
    }

    /** New connections pass through again (those held so far stay held). */
    public void passNewConnections() {
        holdingNewConnections = false;
    }

    /**
     * From now on, a Redis SUBSCRIBE a client sends, on any connection not held, is held here with everything its
     * client sends after it, until {@link #deliverSubscriptions()}: the returned future completes once one is.
     */
    public CompletableFuture<Void> holdSubscriptions() {
        CompletableFuture<Void> held = new CompletableFuture<>();
        holdingSubscriptions = held;
        return held;
    }

    /** Stops holding subscriptions, and delivers the ones held (with what followed them), then forwards again. */
    public void deliverSubscriptions() {
        holdingSubscriptions = null;
        pipes.forEach(Pipe::deliverSubscription);
    }

    /** How many bytes clients have sent the server through this proxy so far (held ones not yet). */
    public long forwardedToServer() {
        return forwarded.get();
    }

    /** Closes the client side of every held connection; the server side stays open, as a dead link leaves it. */
    public void cutHeldClients() {
        pipes.stream().filter(Pipe::held).forEach(Pipe::cutClient);
    }

    /**
     * Delivers what each held connection's client sent, then closes its server side for writing, and waits until the
     * server has closed it too: by then the server has read (and run) everything it was sent.
     */
    public void deliverHeld() {
        List<Pipe> held = pipes.stream().filter(Pipe::held).toList();
        held.forEach(Pipe::deliver);
        try {
            CompletableFuture.allOf(held.stream().map(p -> p.serverClosed).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the server did not close the held connections", e);
        }
        pipes.removeAll(held);
    }

    /**
     * From now on, new connections are not accepted, and their attempts to connect hang: the listener's backlog is
     * full (of connections of our own), so the kernel drops their SYNs, as a network that drops every packet would.
     * The client retries its SYN after 1, 3, 7, 15, 31 s and so on, until its connect timeout.
     */
    public void dropNewConnections() {
        accepting = new CompletableFuture<>();
        try {
            new Socket(InetAddress.getLoopbackAddress(), port()).close(); // the accept loop takes it, then waits
            while (true) {
                Socket filler = new Socket();
                try {
                    filler.connect(listener.getLocalSocketAddress(), 500);
                } catch (SocketTimeoutException e) {
                    filler.close();
                    return; // a SYN was dropped: the backlog is full
                }
                fillers.add(filler);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts connections again: those whose SYN is retried from now on connect (through the proxy, as before). */
    public void acceptAgain() {
        fillers.forEach(TcpProxy::closeQuietly);
        fillers.clear();
        accepting.complete(null);
    }

    @Override
    public void close() {
        closeQuietly(listener);
        acceptAgain();
        pipes.forEach(Pipe::close);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                accepting.join();
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Pipe pipe = new Pipe(client, server);
                if (holdingNewConnections) {
                    pipe.hold();
                }
                pipes.add(pipe);
                daemon("proxy-up", pipe::forwardClient);
                daemon("proxy-down", pipe::forwardServer);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One proxied connection. Holding, delivering and forwarding a client's bytes happen under its lock. */
    private final class Pipe {
        final Socket client;
        final Socket server;
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        /** What the server sent while its replies were held (guarded by replyLock). */
        final ByteArrayOutputStream keptReplies = new ByteArrayOutputStream();
        final Object replyLock = new Object();
        private boolean repliesHeld;
        final CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        private boolean held;
        /** Held since its client sent a SUBSCRIBE ({@link #holdSubscriptions}). */
        private boolean subscriptionHeld;
        volatile boolean subscribed;
        volatile boolean muted;

        Pipe(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        synchronized void hold() {
            held = true;
        }

        synchronized boolean held() {
            return held;
        }

        void holdReplies() {
            synchronized (replyLock) {
                repliesHeld = true;
            }
        }

        void deliverReplies() {
            synchronized (replyLock) {
                try {
                    client.getOutputStream().write(keptReplies.toByteArray());
                } catch (IOException e) {
                    // the client is gone
                }
                keptReplies.reset();
                repliesHeld = false;
            }
        }

        void cutClient() {
            closeQuietly(client);
        }

        synchronized void deliver() {
            try {
                server.getOutputStream().write(kept.toByteArray());
                server.shutdownOutput();
            } catch (IOException e) {
                serverClosed.completeExceptionally(e);
            }
        }

        synchronized void deliverSubscription() {
            if (!subscriptionHeld) {
                return;
            }
            try {
                server.getOutputStream().write(kept.toByteArray());
                forwarded.addAndGet(kept.size());
            } catch (IOException e) {
                // the server is gone
            }
            kept.reset();
            held = false;
            subscriptionHeld = false;
            subscribed = true;
        }

        /** Client to server: forwarded, or kept while held. A held connection's server hears nothing of its end. */
        void forwardClient() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = client.getInputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (this) {
                        boolean subscribes = !held && new String(buffer, 0, n, StandardCharsets.US_ASCII)
                                .toUpperCase(Locale.ROOT).contains("SUBSCRIBE");
                        CompletableFuture<Void> holding = holdingSubscriptions;
                        if (subscribes && holding != null) {
                            held = true;
                            subscriptionHeld = true;
                            holding.complete(null);
                        }
                        if (held) {
                            kept.write(buffer, 0, n);
                        } else {
                            subscribed |= subscribes;
                            server.getOutputStream().write(buffer, 0, n);
                            forwarded.addAndGet(n);
                        }
                    }
                }
            } catch (IOException e) {
                // the client side was closed: treated as its end
            }
            synchronized (this) {
                if (!held) {
                    closeQuietly(server);
                }
            }
        }

        /** Server to client, unless muted (once the client is gone, what the server says is read and dropped). */
        void forwardServer() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = server.getInputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    try {
                        synchronized (replyLock) {
                            if (repliesHeld) {
                                keptReplies.write(buffer, 0, n);
                            } else if (!muted) {
                                client.getOutputStream().write(buffer, 0, n);
                            }
                        }
                    } catch (IOException e) {
                        // the client is gone: keep reading, so that the server is never blocked writing
                    }
                }
            } catch (IOException e) {
                // closed
            }
            serverClosed.complete(null);
            closeQuietly(client);
        }

        void close() {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
