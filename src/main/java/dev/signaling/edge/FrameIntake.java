package dev.signaling.edge;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Command;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.PeerSession;
import dev.signaling.core.SignalingException;
import dev.signaling.core.SignalingService;
import dev.signaling.metrics.SignalingMetrics;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpClosedException;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * What every dialect does with a client's frame before the core sees it: noting its size for
 * {@link ReadBackpressure}, the rate limit, the size cap, decoding with the dialect's codec, and the refusals (too
 * fast, too large, undecodable, binary, our own bug), each answered to the sender alone while the connection stays
 * open (only sustained abuse of the rate closes it).
 */
@ApplicationScoped
public class FrameIntake {
    /** Close code for a message over the transport cap (RFC 6455 1009, "message too big"). */
    public static final int TOO_BIG = 1009;

    private final SignalingService service;
    private final SignalingMetrics metrics;
    private final LiveConnections live;
    private final ReadBackpressure reads;
    private final int maxFrameBytes;
    private final int messagesPerSecond;

    FrameIntake(SignalingService service, SignalingMetrics metrics, LiveConnections live, ReadBackpressure reads,
            SignalingConfig config) {
        this.service = service;
        this.reads = reads;
        this.metrics = metrics;
        this.live = live;
        this.maxFrameBytes = config.limits().maxFrameBytes();
        this.messagesPerSecond = config.rateLimit().messagesPerSecond();
    }

    /** A dialect's decoder: a text frame to a command, or a {@link SignalingException} saying what is wrong. */
    @FunctionalInterface
    public interface Decoder {
        Command decode(String frame);
    }

    /** The command a text frame carries, or null when the frame was refused (and the sender told why). */
    public Command decode(WebSocketConnection connection, PeerSession session, String frame, Decoder decoder) {
        reads.received(connection, frame.length());
        if (!admitted(connection, session)) {
            return null;
        }
        if (FrameSize.exceeds(frame, maxFrameBytes)) {
            metrics.limitHit(SignalingMetrics.Limit.FRAME_BYTES);
            service.reject(session, new SignalingException(ErrorCode.FRAME_TOO_LARGE,
                    "Message too large: the limit is " + maxFrameBytes + " bytes"));
            return null;
        }
        try {
            return decoder.decode(frame);
        } catch (SignalingException refusal) {
            service.reject(session, refusal);
            return null;
        }
    }

    /** Every dialect speaks JSON text; a binary frame (of {@code bytes}) is refused. */
    public void refuseBinary(WebSocketConnection connection, PeerSession session, int bytes) {
        reads.received(connection, bytes);
        if (!admitted(connection, session)) {
            return;
        }
        service.reject(session, new SignalingException(ErrorCode.BINARY_NOT_SUPPORTED,
                "Binary messages are not supported: send JSON text"));
    }

    private boolean admitted(WebSocketConnection connection, PeerSession session) {
        RateLimiter.Verdict verdict = live.admit(connection);
        if (verdict == RateLimiter.Verdict.REFUSE) {
            service.reject(session, new SignalingException(ErrorCode.RATE_LIMITED,
                    "Too many messages: slow down (the limit is " + messagesPerSecond + " per second)"));
        }
        return verdict == RateLimiter.Verdict.ACCEPT;
    }

    /**
     * A failure while handling a frame. A message over the transport cap
     * ({@code quarkus.websockets-next.server.max-message-size}) closes the connection with {@value #TOO_BIG}; a
     * connection that broke is left to close; anything else is a bug of ours: logged, answered with
     * {@code internal-error}, and the connection is kept. The session comes from the connection registry, not from
     * the per-connection CDI context, which may already be gone when the transport fails.
     * <p>
     * A connection breaks when the client goes away without closing: an RST from a phone that changed networks or
     * from a tab killed with data still unread ({@code Connection reset by peer}, an {@link IOException}), a TCP
     * connection that ended without a close frame ({@link HttpClosedException}), or garbage where a frame should be.
     * That is a client's everyday life, not our failure, so it is logged at DEBUG only; the close that follows
     * releases everything the connection held. (The endpoints' {@code @OnError} methods take any {@code Throwable}:
     * WebSockets Next logs a checked exception that no handler takes at ERROR, twice, for every such client.)
     */
    public void failed(WebSocketConnection connection, String dialect, Throwable failure) {
        if (isOverTransportCap(failure)) {
            metrics.oversizedClosed(dialect);
            Sockets.close(connection, TOO_BIG, "message too big");
            return;
        }
        if (failure instanceof IOException || failure instanceof HttpClosedException
                || failure instanceof CorruptedWebSocketFrameException) {
            Log.debugf("A %s connection broke: %s", dialect, failure.getMessage());
            return;
        }
        Log.errorf(failure, "Unexpected failure on a %s connection", dialect);
        PeerSession session = live.session(connection);
        if (session != null) {
            service.reject(session, new SignalingException(ErrorCode.INTERNAL, "internal error"));
        }
    }

    /**
     * Vert.x reports a fragmented message that outgrows the cap with this exception (and keeps the socket open);
     * a single oversized frame makes Netty drop the connection itself. Matching the text is the only way to tell;
     * LargeFrameTest fails if a Vert.x upgrade changes it.
     */
    private static boolean isOverTransportCap(Throwable failure) {
        return failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().contains("max message size");
    }
}
