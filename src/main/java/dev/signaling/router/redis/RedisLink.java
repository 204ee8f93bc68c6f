package dev.signaling.router.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * This instance's two connections to Redis: the <em>lane</em>, one connection every command goes through in call
 * order (Redis runs the commands of one connection in the order they arrive, so one peer's relays keep their
 * order), and the <em>bus</em>, subscribed to this instance's channel. Both are driven from one Vert.x context, so
 * requests are written in the order {@link #send} was called. The link makes its own Redis client on that context,
 * because the Vert.x client runs its connections on the context it was made on: so a command is written, and its
 * reply and what the bus brings are read, on the link's own thread, with no hand-over between event loops. (Quarkus's
 * client, made at start-up, put them on the other event loop about half of the time: a thread woken per command, per
 * reply and per bus message.)
 *
 * <p>When either connection fails (or the owner asks, {@link #restart}), both are dropped and connected again with a
 * growing pause (up to 2 s; it starts again from 100 ms once connections have lasted that long) until Redis answers;
 * the owner hears of each change.
 *
 * <p>A Redis that stops answering counts as lost. A hung Redis, or one cut off by a network that drops packets
 * without a reset, leaves the connections open: TCP would give up only after about 15 minutes, and meanwhile every
 * operation would wait out its timeout on an instance that looks ready. So when commands wait on the lane and no
 * answer came for {@code unresponsiveAfter} (the instance TTL: by then this instance's heartbeat has expired anyway),
 * or a connection attempt is not done within it, the link drops its connections and connects again. It closes their
 * sockets rather than give them back to the client's pool, which would hand the same hung socket to the next
 * attempt.
 *
 * <p>Every command leaves with the epoch of the connection it is written on as its last argument: the connection's
 * number, higher than any before it. What a dropped connection still delivers to Redis later carries an older epoch,
 * and the script refuses it ({@link RoomScripts}).
 *
 * <p>Commands sent while the context is busy are taken together in its next turn and written as one pipelined write:
 * one system call for many, and Redis reads them in one go (at full load a cluster of two relayed 5-8 % more, with
 * about a tenth less CPU per message on the instance). Each still gets its own answer, in order, once the last reply
 * of its write came. The Vert.x client fails a whole write when any reply in it is an error; those errors come from
 * Redis's state (a forgotten script, a full memory), which every command meets alike, so each gets the first one, and
 * a connection's failure stays one ({@link #eachFailure}).
 *
 * <p>At most {@value #WINDOW} commands are on the lane unanswered; the rest wait here, in order. The Vert.x client
 * refuses a command outright once a connection has {@code quarkus.redis.max-waiting-handlers} (2,048) unanswered,
 * and a burst of joins (thousands of clients coming back after an instance died) is bigger than that. A command a
 * client waits on may wait here until the operation timeout: by then the client has been told it failed, so it is
 * dropped unsent rather than done behind the client's back. At most {@code maxQueued} of those wait; past that they
 * fail at once. Commands that must happen (a departed peer's detach, the instance's own upkeep) always wait.
 */
final class RedisLink {
    /** What the owner is told. Called on the link's context. */
    interface Listener {
        /** Both connections are up, the script is loaded and the bus is subscribed. */
        void up();

        /** The connections were lost; commands sent meanwhile failed. */
        void down(Throwable cause);

        /** A droppable command was refused: {@code maxQueued} of them were waiting already. */
        void full();

        /** The link closed its Redis client and is about to make another, of renewed TLS material. */
        void clientReplaced();
    }

    private static final long MIN_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 2000;
    /** Commands on the lane not yet answered, at most; half the Vert.x client's default waiting queue. */
    static final int WINDOW = 1024;

    /** A command sent: waiting to be taken by the context, or for room on the lane. */
    private record Queued(Request request, CompletableFuture<Response> result, boolean droppable, long queuedAt) {
    }

    private final Vertx vertx;
    /** The options of the current client (replaced on the context only, by {@link #connect}). */
    private volatile RedisOptions options;
    /** Options with renewed TLS material, waiting for the next connection attempt ({@link #renewTls}). */
    private final AtomicReference<RedisOptions> renewed = new AtomicReference<>();
    private final String channel;
    private final RoomScripts.Script script;
    private final Consumer<String> messages;
    private final Listener listener;
    private final Context context;
    private final long dropAfterNanos;
    private final int maxQueued;

    // Touched on the context only: the client's connections run on it, and commands answer on the context that sent
    // them (this one).
    /** The context's thread. */
    private volatile Thread contextThread;
    /** The client, made on the context by {@link #start}. */
    private Redis redis;
    /** Completed when Redis confirms the current bus connection's subscription. */
    private Promise<Void> subscription;
    /** Commands sent from any thread and not taken by the context yet, in the order sent. */
    private final Queue<Queued> sent = new ConcurrentLinkedQueue<>();
    /** Whether a turn to take them is on the context's task queue already. */
    private final AtomicBoolean takeScheduled = new AtomicBoolean();
    /** The commands taken for the lane in this turn, written together at its end. */
    private final List<Queued> taken = new ArrayList<>();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private int droppableQueued;
    private int unanswered;
    private volatile int queued; // the queue's size, for the metrics
    private RedisConnection lane;
    private RedisConnection bus;
    private int generation;
    private long pause = MIN_PAUSE_MS;
    /** When the connections last came up (System.nanoTime). */
    private long upSince;
    /** When the bus last brought a message, or came up (System.nanoTime). */
    private volatile long lastHeard;
    private boolean stopped;
    private volatile boolean up;
    /** When the lane last answered, or started waiting after it had nothing unanswered (System.nanoTime). */
    private long lastProgress;
    private final Duration unresponsiveAfter;
    private long watchdog = -1;
    /** What the operator has been told about connection attempts failing. */
    private final Outage outage = new Outage();
    /** Whether the last connections were dropped soon after they came up. */
    private boolean flapping;
    /** Why the connections were last lost, or the last attempt failed; null once connected. */
    private volatile String lastFailure;
    /** The warnings about Redis itself logged at the last connect ({@link RedisServerChecks}). */
    private List<String> serverWarnings = List.of();

    /**
     * @param options how to reach Redis (the link makes its client from them)
     * @param dropAfter how long a droppable command may wait here (the operation timeout)
     * @param maxQueued how many droppable commands may wait here at once
     * @param unresponsiveAfter how long Redis may leave the lane without an answer, or a connection attempt
     *        unfinished, before the link drops its connections and connects again
     */
    RedisLink(Vertx vertx, RedisOptions options, String channel, RoomScripts.Script script, Consumer<String> messages,
            Listener listener, Duration dropAfter, int maxQueued, Duration unresponsiveAfter) {
        this.vertx = vertx;
        this.options = clientOptions(options, unresponsiveAfter.multipliedBy(2));
        this.channel = channel;
        this.script = script;
        this.messages = messages;
        this.listener = listener;
        this.context = vertx.getOrCreateContext();
        this.dropAfterNanos = dropAfter.toNanos();
        this.maxQueued = maxQueued;
        this.unresponsiveAfter = unresponsiveAfter;
    }

    /**
     * The options of the link's client: a copy of {@code options} with a name of its own, with sockets that give up
     * on connecting, and close once they have read nothing, after {@code deadAfter} at most (tighter values the
     * operator chose stay), and with the hostname check its TLS settings document ({@link RedisTls}). The name:
     * Quarkus's own client, built from the same options, has registered the default one in the metrics. The timeouts:
     * neither the Vert.x client's connection handshake nor its pool has one; an attempt the link gave up on whose
     * Redis accepted the connection and never answered (a hung one, or one behind a proxy whose backend vanished)
     * kept its place in the pool until its socket died, never behind such a proxy;
     * once the pool was full of them no attempt got a connection at all, and the instance stayed unready after Redis
     * answered again. A connect hanging at the TCP level held its place for 60 s. The link gives up on an attempt well
     * before {@code deadAfter}, and its own connections read something every heartbeat (the instance's channel brings
     * each heartbeat's acknowledgement), so only abandoned sockets reach it.
     */
    static RedisOptions clientOptions(RedisOptions options, Duration deadAfter) {
        NetClientOptions net = new NetClientOptions(options.getNetClientOptions()); // a RedisOptions copy shares it
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, deadAfter.toMillis());
        if (net.getConnectTimeout() <= 0 || net.getConnectTimeout() > connectMillis) {
            net.setConnectTimeout(connectMillis);
        }
        // In the unit the options keep their idle timeouts in (seconds unless set otherwise), rounded up.
        int readIdle = (int) Math.min(Integer.MAX_VALUE, net.getIdleTimeoutUnit().convert(deadAfter) + 1);
        if (net.getReadIdleTimeout() <= 0 || net.getReadIdleTimeout() > readIdle) {
            net.setReadIdleTimeout(readIdle);
        }
        net.setHostnameVerificationAlgorithm(RedisTls.hostnameCheck(net.getHostnameVerificationAlgorithm()));
        net.setMetricsName("redis|" + RedisRouter.METRICS_NAME); // Quarkus's metrics read it as prefix|client name
        return new RedisOptions(options).setNetClientOptions(net).setPoolName(RedisRouter.METRICS_NAME);
    }

    /**
     * New TLS material: a renewed client certificate ({@code key}) or new authorities to trust ({@code trust}); null
     * keeps what the link has. The connections the link holds stay (TLS checked both sides when they opened, and does
     * not again); the next ones it opens, after any drop, use the new material. Without this, an instance whose
     * connections dropped after its client certificate expired, or after Redis moved to another authority, could not
     * connect again until it was restarted.
     */
    void renewTls(KeyCertOptions key, TrustOptions trust) {
        RedisOptions pending = renewed.get();
        RedisOptions current = pending != null ? pending : options;
        NetClientOptions net = new NetClientOptions(current.getNetClientOptions());
        if (key != null) {
            net.setKeyCertOptions(key);
        }
        if (trust != null) {
            net.setTrustOptions(trust);
        }
        renewed.set(new RedisOptions(current).setNetClientOptions(net));
    }

    void start() {
        ConnectionSetupErrors.install();
        context.runOnContext(v -> {
            contextThread = Thread.currentThread();
            RedisTls.warning(options).ifPresent(Log::warn);
            redis = Redis.createClient(vertx, options); // on this context, so its connections run here too
            long every = Math.max(10, unresponsiveAfter.toMillis() / 4);
            watchdog = vertx.setPeriodic(every, id -> context.runOnContext(x -> checkAnswers()));
            connect();
        });
    }

    boolean isUp() {
        return up;
    }

    /** Why the connections were last lost, or the last attempt to connect failed; null while connected. */
    String lastFailure() {
        return lastFailure;
    }

    /** How long the bus has brought nothing (since it came up, at most). */
    Duration busSilence() {
        return Duration.ofNanos(System.nanoTime() - lastHeard);
    }

    /** Commands waiting for room on the lane. */
    int queued() {
        return queued;
    }

    /** Sends one command that must happen on the lane, after every command sent before it. */
    CompletableFuture<Response> send(Request request) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        send(request, false, result);
        return result;
    }

    /**
     * Sends one command on the lane, after every command sent before it (from any thread: the context takes what was
     * sent in its next turn), and completes {@code result} with its answer, always on the link's context: what the
     * caller attached to it before runs there, in the order Redis answered.
     * Fails with UNAVAILABLE while down. A {@code droppable} command (one a client waits on, up to the operation
     * timeout) also fails with UNAVAILABLE when too many wait already, and is never sent if it waited longer than the
     * operation timeout.
     */
    void send(Request request, boolean droppable, CompletableFuture<Response> result) {
        sent.add(new Queued(request, result, droppable, System.nanoTime()));
        if (takeScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> takeSent());
        }
    }

    /** Takes what was sent since the last turn, in order: onto the lane, into the queue, or refused. */
    private void takeSent() {
        takeScheduled.set(false); // what is sent from now on schedules another turn, unless this one takes it
        for (Queued next = sent.poll(); next != null; next = sent.poll()) {
            if (!up) {
                next.result().completeExceptionally(unavailable(null));
            } else if (unanswered + taken.size() < WINDOW && queue.isEmpty()) {
                taken.add(next);
            } else if (next.droppable() && droppableQueued >= maxQueued) {
                listener.full();
                next.result().completeExceptionally(new SignalingException(ErrorCode.UNAVAILABLE,
                        "the cluster store is busy, try again (" + droppableQueued + " operations queued)"));
            } else {
                queue.add(next);
                queued = queue.size();
                if (next.droppable()) {
                    droppableQueued++;
                }
            }
        }
        writeTaken();
    }

    /** Moves waiting commands onto the lane while it has room, dropping the droppable ones that waited too long. */
    private void writeQueued() {
        while (unanswered + taken.size() < WINDOW && !queue.isEmpty()) {
            Queued next = queue.poll();
            queued = queue.size();
            if (next.droppable()) {
                droppableQueued--;
                if (System.nanoTime() - next.queuedAt() >= dropAfterNanos) {
                    next.result().completeExceptionally(unavailable(new TimeoutException(
                            "not sent within " + dropAfterNanos / 1_000_000 + " ms")));
                    continue;
                }
            }
            taken.add(next);
        }
        writeTaken();
    }

    /**
     * Writes the commands taken in this turn: one alone as it is, several together as one pipelined write, answered
     * together once the last of their replies came.
     */
    private void writeTaken() {
        int count = taken.size();
        if (count == 0) {
            return;
        }
        if (unanswered == 0) {
            lastProgress = System.nanoTime();
        }
        unanswered += count;
        int sentIn = generation;
        if (count == 1) {
            Queued only = taken.remove(0);
            lane.send(only.request().arg(sentIn)).onComplete(ar -> {
                answered(sentIn, 1);
                if (ar.succeeded()) {
                    only.result().complete(ar.result());
                } else {
                    only.result().completeExceptionally(ar.cause());
                }
            });
            return;
        }
        List<Queued> batch = List.copyOf(taken);
        taken.clear();
        List<Request> requests = new ArrayList<>(count);
        for (Queued command : batch) {
            requests.add(command.request().arg(sentIn));
        }
        lane.batch(requests).onComplete(ar -> {
            answered(sentIn, count);
            Throwable failure = ar.failed() ? eachFailure(ar.cause()) : null;
            for (int i = 0; i < count; i++) {
                if (failure == null) {
                    batch.get(i).result().complete(ar.result().get(i));
                } else {
                    batch.get(i).result().completeExceptionally(failure);
                }
            }
        });
    }

    /** {@code count} commands written on connection {@code sentIn} were answered: room for more on the lane. */
    private void answered(int sentIn, int count) {
        if (sentIn == generation) { // after a drop or stop, the count started again from zero
            lastProgress = System.nanoTime();
            unanswered -= count;
            writeQueued();
        }
    }

    /**
     * What each command of a batch that failed is told. The client fails a whole batch when anything fails any of its
     * commands, with their causes joined in one error ({@code ERR [index] cause}, a line each), so the first
     * command's cause stands for all of them, as what it was: a reply of Redis's ({@code NOSCRIPT ...}, {@code OOM
     * ...}: an error code, then the message) comes back as that error; the connection's failure (a Java exception,
     * named by its class) as an {@link IOException}, which the router answers {@code unavailable}. The error replies
     * a script can get (Redis forgot it, its memory is full, it is a read-only replica, another script is busy) come
     * from Redis's state, which every command of the batch meets alike.
     */
    static Throwable eachFailure(Throwable failure) {
        if (failure instanceof ErrorType joined && joined.getMessage() != null
                && joined.getMessage().startsWith("ERR [")) {
            String first = joined.getMessage().lines().findFirst().orElse("");
            int end = first.indexOf("] ");
            if (end > 0 && end + 2 < first.length()) {
                String cause = first.substring(end + 2);
                int word = cause.indexOf(' ');
                String name = word < 0 ? cause : cause.substring(0, word);
                return name.contains(".") // e.g. io.netty.channel.StacklessClosedChannelException
                        ? new IOException(cause)
                        : ErrorType.create(cause);
            }
        }
        return failure;
    }

    /** Runs {@code task} on the link's context (after everything already queued there). */
    void run(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /**
     * Drops both connections and connects again, as if they had failed: every command sent or waiting fails, and the
     * owner hears {@link Listener#down} and then, once connected again, {@link Listener#up}.
     */
    void restart(String reason) {
        context.runOnContext(v -> {
            if (up) {
                drop(generation, new IOException(reason));
            }
        });
    }

    /** Closes both connections for good. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (watchdog >= 0) {
                vertx.cancelTimer(watchdog);
            }
            stopped = true;
            up = false;
            lastFailure = "stopped";
            generation++; // what the closed connections still answer is ignored
            closeAll();
            if (redis != null) {
                redis.close();
            }
            done.complete(null);
        });
        return done;
    }

    static SignalingException unavailable(Throwable cause) {
        String detail = cause == null ? "" : " (" + cause.getMessage() + ")";
        return new SignalingException(ErrorCode.UNAVAILABLE, "the cluster store is unavailable, try again" + detail);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        int attempt = ++generation;
        RedisOptions next = renewed.getAndSet(null);
        if (next != null) { // a client of the renewed options; the old one holds no connection of the link's now
            redis.close();
            listener.clientReplaced();
            options = next;
            redis = Redis.createClient(vertx, options);
            Log.info("Connecting to Redis with renewed TLS material");
        }
        vertx.setTimer(unresponsiveAfter.toMillis(), id -> context.runOnContext(v -> {
            if (attempt == generation && !up) {
                drop(attempt, new TimeoutException("no connection within " + unresponsiveAfter.toMillis() + " ms"));
            }
        }));
        Future<Response> loaded = redis.connect().compose(laneConnection -> {
            if (!adopt(attempt, laneConnection)) {
                return Future.failedFuture("superseded");
            }
            lane = laneConnection;
            return redis.connect().compose(busConnection -> {
                if (!adopt(attempt, busConnection)) {
                    return Future.failedFuture("superseded");
                }
                bus = busConnection;
                // The client completes a SUBSCRIBE once it is written, not once Redis has run it; Redis confirms on
                // the bus itself. Only then can nothing published for this instance be missed: a command on the lane
                // could otherwise reach Redis first (the two connections are two network paths), and its
                // acknowledgement would be published to no one.
                Promise<Void> confirmed = Promise.promise();
                subscription = confirmed;
                busConnection.handler(this::fromBus);
                return busConnection.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
                        .compose(written -> confirmed.future())
                        .compose(subscribed -> laneConnection.send(
                                Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source())));
            });
        });
        loaded.compose(sha -> script.sha1().equals(sha.toString()) ? Future.succeededFuture()
                : Future.failedFuture("script digest mismatch: " + sha)).onComplete(ar -> connected(attempt, ar));
    }

    /** Attempt {@code attempt} ended: the link is up, or tries again (unless a newer attempt took over). */
    private void connected(int attempt, AsyncResult<?> result) {
        if (attempt != generation || stopped) {
            return;
        }
        if (result.succeeded()) {
            upSince = System.nanoTime();
            lastHeard = upSince;
            lastFailure = null;
            up = true;
            if (flapping) { // the owner says when it is ready; the last drop was warned of, or will be
                Log.debugf("Connected to Redis again; listening on %s", channel);
            } else {
                Log.infof("Connected to Redis%s; listening on %s", outage.lasted(), channel);
            }
            checkServer(lane);
            listener.up();
        } else {
            drop(attempt, result.cause());
        }
    }

    /**
     * Warns of what the Redis it connected to must not be ({@link RedisServerChecks}): asked at each connect (a
     * failover may bring another Redis), each warning logged when it was not at the connect before. Asked on the lane
     * directly (INFO takes no epoch), ahead of everything the owner sends once it is told the link is up; a Redis that
     * does not allow INFO gets a debug line.
     */
    private void checkServer(RedisConnection connection) {
        connection.send(Request.cmd(Command.INFO)).onComplete(info -> {
            if (info.failed() || info.result() == null) {
                Log.debugf("Could not read Redis's INFO (%s)", info.cause());
                return;
            }
            List<String> warnings = RedisServerChecks.warnings(info.result().toString());
            warnings.stream().filter(warning -> !serverWarnings.contains(warning)).forEach(Log::warn);
            serverWarnings = warnings;
        });
    }

    /** Drops the connections when Redis has left commands on the lane unanswered for too long. */
    private void checkAnswers() {
        if (up && unanswered > 0 && System.nanoTime() - lastProgress > unresponsiveAfter.toNanos()) {
            drop(generation, new TimeoutException("Redis answered nothing for " + unresponsiveAfter.toMillis()
                    + " ms (" + unanswered + " commands waiting)"));
        }
    }

    /**
     * Takes a new connection for attempt {@code attempt}, watching it for failure; false (and the connection closed)
     * if that attempt was given up on meanwhile.
     */
    private boolean adopt(int attempt, RedisConnection connection) {
        if (attempt != generation || stopped) {
            discard(connection);
            return false;
        }
        connection.exceptionHandler(e -> context.runOnContext(v -> drop(attempt, e)));
        connection.endHandler(v -> context.runOnContext(x -> drop(attempt, new IOException("connection closed"))));
        return true;
    }

    /** A connection of attempt {@code attempt} failed: start over, unless a newer attempt already did. */
    private void drop(int attempt, Throwable cause) {
        if (attempt != generation || stopped) {
            return;
        }
        generation++;
        boolean wasUp = up;
        up = false;
        lastFailure = Objects.toString(cause.getMessage(), cause.getClass().getSimpleName());
        closeAll();
        if (wasUp && System.nanoTime() - upSince > MAX_PAUSE_MS * 1_000_000) {
            pause = MIN_PAUSE_MS; // it had worked for a while: a new outage
            flapping = false;
            Log.warnf("Lost Redis (%s); reconnecting in %d ms", cause.getMessage(), pause);
            outage.lost(cause);
        } else {
            // Connections that keep failing soon after they came up (a resync Redis refuses, say) are tried less and
            // less often, and logged as failed attempts are.
            flapping |= wasUp;
            if (outage.shouldWarn(cause)) {
                Log.warnf("Cannot connect to Redis at %s (%s)%s; retrying in %d ms, readiness stays DOWN until then",
                        Outage.endpoints(options.getEndpoints()), cause.getMessage(), outage.lasting(), pause);
            } else {
                Log.debugf("Redis not reachable (%s); retrying in %d ms", cause.getMessage(), pause);
            }
        }
        if (wasUp) {
            listener.down(cause);
        }
        long wait = pause;
        pause = Math.min(pause * 2, MAX_PAUSE_MS);
        vertx.setTimer(wait, id -> context.runOnContext(v -> connect()));
    }

    private void closeAll() {
        unanswered = 0;
        droppableQueued = 0;
        for (Queued waiting = queue.poll(); waiting != null; waiting = queue.poll()) {
            waiting.result().completeExceptionally(unavailable(new IOException("connection closed")));
        }
        queued = 0;
        if (bus != null) {
            discard(bus);
        }
        if (lane != null) {
            discard(lane);
        }
        bus = null;
        lane = null;
    }

    /**
     * Closes a connection's socket. Closing a pooled connection would give it back to the client's pool, still
     * subscribed, or with commands Redis never answered, and the next connect could get that socket back.
     */
    private static void discard(RedisConnection connection) {
        if (connection instanceof PooledRedisConnection pooled) {
            pooled.actual().forceClose(); // the pool evicts it once the socket is closed
        } else {
            connection.close();
        }
    }

    /**
     * What the bus brings. The bus connection runs on the link's context (the client was made there), so this runs
     * on the same thread as the lane's answers, in the order both came; should a client ever run it elsewhere, it is
     * handed over rather than run concurrently.
     */
    private void fromBus(Response response) {
        if (Thread.currentThread() == contextThread) {
            onPush(response);
        } else {
            context.runOnContext(v -> onPush(response));
        }
    }

    private void onPush(Response response) {
        if (response == null || (response.type() != ResponseType.PUSH && response.type() != ResponseType.MULTI)
                || response.size() < 3) {
            return;
        }
        String kind = response.get(0).toString(); // a new string each time: decoded once per message
        if (!"message".equals(kind)) {
            Promise<Void> confirmed = subscription;
            if ("subscribe".equals(kind) && channel.equals(response.get(1).toString()) && confirmed != null) {
                confirmed.tryComplete();
            }
            return; // other confirmations and the like
        }
        lastHeard = System.nanoTime();
        try {
            messages.accept(response.get(2).toString());
        } catch (RuntimeException e) {
            Log.errorf(e, "Could not handle a message from the node bus");
        }
    }
}
