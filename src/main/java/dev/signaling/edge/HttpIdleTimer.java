package dev.signaling.edge;

import java.util.NoSuchElementException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Takes the HTTP idle timer off a socket once it has become a WebSocket that a heartbeat watches.
 * <p>
 * Vert.x gives every HTTP connection a Netty {@link IdleStateHandler} for {@code quarkus.http.idle-timeout} (30 min
 * by default) and leaves it there after a WebSocket upgrade. On a WebSocket it adds nothing: the heartbeat
 * ({@code signaling.heartbeat}, or Engine.IO's ping for Socket.IO) pings every socket and closes one that stays
 * silent, long before 30 minutes, and its pings, being writes, keep the idle timer from ever firing. It does cost:
 * a scheduled timer and three objects per connection, and a listener and a clock read on every frame written
 * (docs/benchmarks.md, item 28). And an idle timeout set shorter than the ping interval would close healthy quiet
 * sockets. So each WebSocket loses it once the upgrade is done. Not before: a refused upgrade leaves an HTTP
 * connection, which keeps its idle timeout.
 */
public final class HttpIdleTimer {
    /** The name Vert.x gives the handler (its HttpServerWorker); there is none when the idle timeout is 0. */
    static final String HANDLER = "idle";

    private HttpIdleTimer() {
    }

    /** Removes the timer from the socket of {@code connection}, an HTTP connection just upgraded to a WebSocket. */
    public static void removeFrom(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            removeFrom(base.channel());
        }
    }

    /** Removes the timer from {@code socket}, a WebSocket's channel. Safe from any thread, and when there is none. */
    static void removeFrom(Channel socket) {
        ChannelPipeline pipeline = socket.pipeline();
        if (pipeline.get(HANDLER) instanceof IdleStateHandler) {
            try {
                pipeline.remove(HANDLER);
            } catch (NoSuchElementException alreadyGone) {
                // removed meanwhile, by the socket closing: nothing left to do
            }
        }
    }
}
