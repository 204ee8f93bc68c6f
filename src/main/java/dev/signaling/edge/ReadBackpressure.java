package dev.signaling.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.metrics.SignalingMetrics;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Stops reading from a WebSocket while the server is behind, so that a server receiving faster than it can relay
 * slows its senders down (TCP holds the rest in their socket buffers) instead of keeping their messages until the
 * heap runs out.
 * <p>
 * Why it is needed: WebSockets Next does not run an {@code @OnTextMessage} callback while it reads the frame. It
 * queues the callback, with the decoded text, as a task on the connection's event loop and goes on reading; it
 * never pauses a socket. When the callbacks are slower than the reads (a burst of large frames, a CPU-starved pod,
 * a collector pause), those tasks pile up: at 20,000 msgs/s of 2 KB the server ran out of heap within seconds and
 * dropped every client (docs/benchmarks.md, item 24).
 * <p>
 * How: each socket gets a small handler at the head of its Netty pipeline ({@link SocketReads}), which sees every
 * read before any frame is decoded from it. When the event loops' queues together hold more than
 * {@code signaling.limits.max-read-backlog-bytes} (the tasks waiting, each counted as big as this connection's
 * latest frame: two bytes a character plus 256), the socket stops being read, at once, within the round of reads
 * under way. Checking only in the callback would be too late: by then one round of reads may have queued a
 * megabyte from every busy socket. All loops count, not only the socket's own: a relay to a peer on another loop
 * is a task there. Reading resumes once the backlog is down to half: checked after the tasks already waiting on the
 * socket's loop, then every millisecond. A client that sends at a pace the server keeps up with never meets such a
 * backlog, and idle clients are never touched. Socket.IO needs none of this: its engine handles each frame while
 * reading it.
 */
@ApplicationScoped
public class ReadBackpressure {
    /** Where {@link UpgradeGate} leaves the connection's read handler. */
    static final UserData.TypedKey<SocketReads> READS = new UserData.TypedKey<>("signaling.socket-reads");
    /** What a queued task costs beyond its text: the task, its duplicated context, the frame's string header. */
    static final int TASK_OVERHEAD = 256;
    /** The text, once as the decoded string, and up to once more as Vert.x's buffer of the frame. */
    static final int BYTES_PER_CHAR = 2;
    /** The cost counted per task before a connection's first frame told its size. */
    static final long FIRST_TASK_BYTES = TASK_OVERHEAD + BYTES_PER_CHAR * 1024;
    static final long RECHECK_MILLIS = 1;

    private final SignalingMetrics metrics;
    private final long maxBacklogBytes;
    private final SingleThreadEventExecutor[] loops;
    /** The sockets each event loop paused; each is touched only by its own loop's thread. */
    private final Map<EventLoop, Paused> paused = new ConcurrentHashMap<>();

    ReadBackpressure(SignalingMetrics metrics, SignalingConfig config, Vertx vertx) {
        this.metrics = metrics;
        this.maxBacklogBytes = config.limits().maxReadBacklogBytes();
        List<SingleThreadEventExecutor> queues = new ArrayList<>();
        for (EventExecutor loop : ((VertxInternal) vertx).getEventLoopGroup()) {
            if (loop instanceof SingleThreadEventExecutor queue) {
                queues.add(queue);
            }
        }
        this.loops = queues.toArray(SingleThreadEventExecutor[]::new);
    }

    /**
     * Called by the upgrade check: puts the read handler on the socket of the connection to come. When another
     * check refuses the upgrade after this one, the handler stays on the HTTP connection and does the same there.
     */
    void watch(HttpServerRequest request, UserData userData) {
        if (request.connection() instanceof ConnectionBase connection) {
            SocketReads reads = new SocketReads(this, connection.channel());
            reads.socket.pipeline().addFirst(SocketReads.NAME, reads);
            userData.put(READS, reads);
        }
    }

    /** A frame of {@code chars} characters reached its callback: its size is the estimate for the next reads. */
    public void received(WebSocketConnection connection, int chars) {
        SocketReads reads = connection.userData().get(READS);
        if (reads != null) {
            reads.taskBytes = TASK_OVERHEAD + (long) BYTES_PER_CHAR * chars;
        }
    }

    /** The socket is about to pass on what it read: stop reading it if the server is behind. */
    void reading(Channel socket, long taskBytes) {
        if (queuedTasks() * taskBytes > maxBacklogBytes && socket.config().isAutoRead()) {
            pause(socket, taskBytes);
        }
    }

    /** Tasks waiting on all event loops: a handful of volatile reads (the loops are as many as the cores). */
    private long queuedTasks() {
        long tasks = 0;
        for (SingleThreadEventExecutor loop : loops) {
            tasks += loop.pendingTasks();
        }
        return tasks;
    }

    private void pause(Channel socket, long taskBytes) {
        socket.config().setAutoRead(false); // also ends the round of reads under way on this socket
        metrics.limitHit(SignalingMetrics.Limit.READ_BACKLOG);
        EventLoop loop = socket.eventLoop();
        Paused sockets = paused.computeIfAbsent(loop, l -> new Paused());
        sockets.list.add(socket);
        sockets.taskBytes = taskBytes;
        if (!sockets.resumeQueued) {
            sockets.resumeQueued = true;
            // First after every task already waiting on this loop, the frames that made the backlog among them.
            loop.execute(() -> resumeWhenCaughtUp(loop, sockets));
        }
    }

    private void resumeWhenCaughtUp(EventLoop loop, Paused sockets) {
        if (queuedTasks() * sockets.taskBytes > maxBacklogBytes / 2) {
            loop.schedule(() -> resumeWhenCaughtUp(loop, sockets), RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        sockets.resumeQueued = false;
        for (Channel socket : sockets.list) {
            socket.config().setAutoRead(true); // a closed socket ignores it
        }
        sockets.list.clear();
    }

    /** The sockets one loop paused, the cost of a task when it last paused one, and whether a resume is queued. */
    private static final class Paused {
        final List<Channel> list = new ArrayList<>();
        long taskBytes;
        boolean resumeQueued;
    }
}
