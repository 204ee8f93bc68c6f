package dev.signaling.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.metrics.SignalingMetrics;
import dev.signaling.router.Router;

/**
 * Session resume for dialects that offer it ({@code /signal}). A tracked peer's events go through a
 * {@link ReplayOutbox}. When its socket goes away the peer is suspended, not removed: it keeps its id and rooms,
 * its events are kept, and the others see nothing happen. If its client comes back within
 * {@code signaling.resume.window} with the peer's resume token, a new socket takes the peer over and gets what it
 * missed; otherwise the peer leaves its rooms as for any close. Tokens are an HMAC of the peer id under a secret
 * drawn when the process starts: unguessable, bound to the peer, and valid on this instance only.
 */
@ApplicationScoped
public class Resumptions {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Router router;
    private final SignalingMetrics metrics;
    private final SignalingConfig.Resume config;
    private final byte[] secret = new byte[32];
    private final Map<PeerId, Tracked> tracked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService expiries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "resume-expiry");
        thread.setDaemon(true);
        return thread;
    });

    Resumptions(Router router, SignalingMetrics metrics, SignalingConfig config) {
        this.router = router;
        this.metrics = metrics;
        this.config = config.resume();
        this.release = session -> router.detach(session.id());
        new SecureRandom().nextBytes(secret);
    }

    @PreDestroy
    void stop() {
        expiries.shutdownNow();
    }

    /** A resumable peer: the session of its current socket, how to close that socket, and its expiry if suspended. */
    private static final class Tracked {
        final ReplayOutbox replay;
        PeerSession session;
        Runnable closeSocket;
        ScheduledFuture<?> expiry;

        Tracked(PeerSession session, ReplayOutbox replay, Runnable closeSocket) {
            this.session = session;
            this.replay = replay;
            this.closeSocket = closeSocket;
        }
    }

    /** How a peer that will never come back is let go (set by the service: detach and free its seats). */
    private volatile java.util.function.Consumer<PeerSession> release;

    void whenReleased(java.util.function.Consumer<PeerSession> action) {
        this.release = action;
    }

    /** The outbox a resumable peer's events go through, in front of its socket's {@code outbox}. */
    Outbox replayable(Outbox socketOutbox) {
        return new ReplayOutbox(socketOutbox, config.bufferedMessages(), config.bufferedBytes());
    }

    /** Makes {@code session} (opened with a {@link #replayable} outbox) resumable; returns its resume token. */
    String track(PeerSession session, Runnable closeSocket) {
        tracked.put(session.id(), new Tracked(session, (ReplayOutbox) session.outbox(), closeSocket));
        return token(session.id());
    }

    /**
     * The socket of {@code session} went away. Returns true if the peer lives on (already taken over by a newer
     * socket, or suspended now because the socket {@code brokeOff}), false if it should be closed.
     */
    synchronized boolean suspend(PeerSession session, boolean brokeOff) {
        Tracked peer = tracked.get(session.id());
        if (peer == null) {
            return false;
        }
        if (peer.session == session && peer.expiry != null) {
            return true; // suspended already (its heartbeat timed out, then the socket closed)
        }
        if (peer.session != session) {
            metrics.connectionClosed(session.dialect());
            return true; // this socket was replaced by a resumed one; the peer is already on the new socket
        }
        if (!brokeOff) {
            return false; // the client said goodbye
        }
        metrics.connectionClosed(session.dialect());
        peer.replay.detachSocket();
        peer.expiry = expiries.schedule(() -> expire(session.id(), peer), config.window().toMillis(),
                TimeUnit.MILLISECONDS);
        return true;
    }

    /** The peer is closed for good: it can no longer be resumed. */
    void forget(PeerSession session) {
        tracked.computeIfPresent(session.id(), (id, peer) -> peer.session == session ? null : peer);
    }

    /**
     * A new socket, which started as {@code fresh}, takes over peer {@code id}: the socket first gets
     * {@link Event.Resumed}, then the events its client missed after {@code lastSeq}; the fresh peer is dropped. A
     * peer whose old socket is still open is taken over as well, and the old socket is closed.
     */
    synchronized PeerSession resume(PeerSession fresh, PeerId id, String token, Long lastSeq,
            Runnable closeFreshSocket, String ref) {
        Tracked peer = tracked.get(id);
        if (peer == null || !validToken(id, token) || peer.session == fresh) {
            metrics.resumeFailed();
            throw new SignalingException(ErrorCode.RESUME_FAILED,
                    "cannot resume: the session expired or the token is wrong; carry on as a new peer");
        }
        Outbox socket = ((ReplayOutbox) fresh.outbox()).socket();
        if (peer.expiry != null) {
            peer.expiry.cancel(false);
            peer.expiry = null;
        } else {
            peer.replay.detachSocket();
            peer.closeSocket.run();
        }
        peer.replay.attachSocket(socket, lastSeq, lost -> new Event.Resumed(id, lost, ref));
        // The peer keeps what its first token granted; the new socket's own token still bounds the socket's life.
        PeerSession resumed = new PeerSession(id, peer.session.dialect(), peer.replay, peer.session.grant());
        peer.session = resumed;
        peer.closeSocket = closeFreshSocket;
        tracked.remove(fresh.id());
        release.accept(fresh);
        metrics.resumed();
        return resumed;
    }

    private synchronized void expire(PeerId id, Tracked peer) {
        if (tracked.get(id) == peer && peer.expiry != null) {
            tracked.remove(id);
            release.accept(peer.session);
        }
    }

    private String token(PeerId id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return BASE64URL.encodeToString(mac.doFinal(id.value().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private boolean validToken(PeerId id, String token) {
        return token != null && MessageDigest.isEqual(token(id).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
