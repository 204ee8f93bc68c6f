package dev.signaling.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the signaling server, under the {@code signaling.} prefix. Each key has a default, so the
 * server runs with no configuration at all. The README's configuration table lists the same keys (a test keeps
 * the two in step).
 */
@ConfigMapping(prefix = "signaling")
public interface SignalingConfig {

    /**
     * Which router holds peers and rooms. {@code local} keeps them in this process's memory; {@code redis} shares
     * them between instances through the Redis at {@code quarkus.redis.hosts}, so any instance can take any socket.
     */
    @WithDefault("local")
    RouterKind router();

    /** The multi-node router's timing (used with {@code signaling.router=redis}). */
    Redis redis();

    /**
     * ICE servers handed to every client in {@code welcome.iceServers} (RTCIceServer shape), e.g.
     * {@code signaling.ice-servers[0].urls=stun:stun.example.org:3478}. None by default: browsers on one network
     * connect with host candidates alone.
     */
    Optional<List<IceServerConfig>> iceServers();

    /** Sizes of rooms and of what clients may send. */
    Limits limits();

    /** The per-peer queue of frames waiting to be written to a slow socket. */
    Outbox outbox();

    /** How the server notices clients that vanished without closing their socket. */
    Heartbeat heartbeat();

    /** How fast one connection may send frames. */
    RateLimit rateLimit();

    /** The Socket.IO dialect at {@code /socket.io/} (docs/protocol-socketio.md). */
    SocketIo socketio();

    /** Graceful shutdown (the grace itself is Quarkus' {@code quarkus.shutdown.delay}). */
    Drain drain();

    /** Session resume on {@code /signal}. */
    Resume resume();

    /** Access tokens (JWT) checked before every WebSocket upgrade; off by default (docs/security.md). */
    Auth auth();

    /**
     * Origins (scheme://host[:port], as browsers send them in {@code Origin}) allowed to open connections, e.g.
     * {@code https://app.example.org}. Upgrades carrying another {@code Origin} get 403. Empty (the default) allows
     * every origin; requests without an {@code Origin} header (non-browser clients) are always allowed.
     */
    Optional<List<String>> allowedOrigins();

    /** Time-limited TURN credentials (TURN REST API, coturn's {@code use-auth-secret}); off unless a secret is set. */
    Turn turn();

    /**
     * How often the server reads its TLS certificate files again ({@code quarkus.tls.*} key store of the HTTP
     * server), and, when they changed, serves the new certificate to new connections. Unset (the default): read once,
     * at start. Use this rather than {@code quarkus.tls.reload-period}, which swaps the certificate at every period,
     * changed or not, and a connection that arrives during a swap may be reset (Vert.x 4.5).
     */
    Optional<Duration> tlsRenewalCheck();

    enum RouterKind {
        local,
        redis
    }

    interface Redis {
        /** How often an instance refreshes its heartbeat in Redis and looks for dead instances. */
        @WithDefault("2S")
        Duration heartbeatInterval();

        /**
         * How long a heartbeat lives: an instance silent for this long is dead, and its peers leave every room. The
         * others hear of it within this plus the heartbeat interval. Must be longer than the interval. An instance
         * whose Redis answered nothing for this long (its heartbeat has expired by then) drops its connections and
         * connects again.
         */
        @WithDefault("6S")
        Duration instanceTtl();

        /**
         * How long an operation waits for Redis before the client gets error {@code unavailable} (checked every tenth
         * of it, so the wait ends within 1.1 times this).
         */
        @WithDefault("5S")
        Duration operationTimeout();

        /**
         * How many clients' operations may wait for room on this instance's connection to Redis, which carries at
         * most 1,024 unanswered commands. A burst (thousands of clients rejoining after an instance died) waits here
         * rather than failing; one that would wait past this many, or that waited longer than the operation timeout,
         * fails with {@code unavailable} and is never sent.
         */
        @WithDefault("20000")
        int maxQueuedOperations();

        /**
         * What every key and channel of the cluster in Redis starts with. Deployments that share one Redis (staging
         * and production, two products) each need a prefix of their own, or their rooms mix; an ACL user can be kept
         * to it ({@code ~<prefix>*}, {@code &<prefix>*}). 1 to 64 letters, digits and {@code : _ . -}.
         */
        @WithDefault("sig:")
        String keyPrefix();
    }

    interface IceServerConfig {
        /** STUN or TURN URLs of this server, e.g. {@code turn:turn.example.org:3478?transport=udp}. */
        List<String> urls();

        /** TURN user name, if the server needs one. */
        Optional<String> username();

        /** TURN credential, if the server needs one. */
        Optional<String> credential();
    }

    interface Limits {
        /** Largest text frame a client may send, in bytes; larger frames get error {@code frame-too-large}. */
        @WithDefault("65536")
        int maxFrameBytes();

        /** Most peers in one room; one more gets error {@code room-full}. */
        @WithDefault("50")
        int maxPeersPerRoom();

        /** Longest room name, in characters. */
        @WithDefault("128")
        int maxRoomNameLength();

        /** Longest display name, in characters. */
        @WithDefault("64")
        int maxNameLength();

        /** Longest request id ({@code id}) a client may send, in characters once encoded. */
        @WithDefault("128")
        int maxRequestIdLength();

        /** Most rooms one peer may be in at once; one more join gets error {@code too-many-rooms}. */
        @WithDefault("16")
        int maxRoomsPerPeer();

        /**
         * Most connections open at once on this instance, every dialect together (a Socket.IO session counts as
         * one, over polling or WebSocket); the next upgrade or Socket.IO handshake is refused with 503. By default as
         * many as half of the heap holds (8 KiB a connection on the JVM, 16 KiB in the native image), at most
         * 16,000 (edge ConnectionCap). Keep it below the process's open-file limit (each connection holds one
         * descriptor), with room for the rest.
         */
        OptionalInt maxConnections();

        /**
         * Most connections open at once from one client IP address; the next is refused with 429. Generous,
         * because many browsers can share one address behind a NAT (offices, mobile carriers).
         */
        @WithDefault("300")
        int maxConnectionsPerIp();

        /**
         * Whether a connection's client IP (for {@code max-connections-per-ip}) is the last address of its
         * {@code X-Forwarded-For} header (the one the reverse proxy in front of this server added) instead of the
         * socket's remote address. Only switch it on behind a proxy that sets the header: otherwise clients
         * choose their own address.
         */
        @WithDefault("false")
        boolean trustForwardedFor();

        /**
         * Most bytes of received frames the event loops together may have waiting for their callbacks (estimated
         * from the tasks they have queued); a connection whose frame finds more is not read until the backlog is
         * down to half, so TCP slows its client down instead of the server holding its frames (edge
         * ReadBackpressure).
         */
        @WithDefault("16777216")
        long maxReadBacklogBytes();
    }

    interface Heartbeat {
        /**
         * How often the server pings every connection. Well under the 60 s idle timeout common in proxies and load
         * balancers, so the pings also keep quiet connections open through them.
         */
        @WithDefault("20s")
        Duration interval();

        /**
         * How long a client may stay silent (no frame, no pong) before its connection is closed (1001) and it
         * leaves its rooms. More than two intervals, so one lost pong is forgiven.
         */
        @WithDefault("50s")
        Duration timeout();
    }

    interface RateLimit {
        /** Frames per second one connection may send on average; past it frames get error {@code rate-limited}. */
        @WithDefault("50")
        int messagesPerSecond();

        /** Frames one connection may send at once after a quiet spell (ICE candidates come in bursts). */
        @WithDefault("200")
        int burst();

        /** Refused frames in ten seconds after which the connection is closed (1008) as abusive. */
        @WithDefault("100")
        int refusalsBeforeClose();
    }

    interface Resume {
        /** How long a peer whose socket went away keeps its id and rooms, waiting for its client to resume. */
        @WithDefault("30s")
        Duration window();

        /**
         * Most recent events kept per resumable peer, to send again on resume (those written to a socket that
         * died unnoticed are otherwise lost); older ones are reported as lost. 32 holds a whole negotiation (offer,
         * answer, a score of candidates); every active peer keeps this many events alive, and 128 made long-lived
         * garbage enough to raise the relay p99 several-fold under load (docs/benchmarks.md).
         */
        @WithDefault("32")
        int bufferedMessages();

        /** Most bytes of recent events kept per resumable peer (SDPs are large); older ones are reported as lost. */
        @WithDefault("65536")
        long bufferedBytes();
    }

    interface Drain {
        /**
         * Clients told to reconnect when shutdown starts wait a random time up to this, so that a large instance's
         * clients do not all reconnect in the same instant.
         */
        @WithDefault("2s")
        Duration reconnectSpread();
    }

    interface Auth {
        /**
         * Whether every WebSocket upgrade (and {@code GET /turn/credentials}) needs a valid access token. Off by
         * default, so a server with no configuration stays open for local development.
         */
        @WithDefault("false")
        boolean enabled();

        /** HS256 shared secret (at least 32 bytes of UTF-8). Exactly one of this and a public key must be set. */
        Optional<String> secret();

        /** RS256/ES256 verification key given inline: a PEM public key, a JWK or a JWKS document. */
        Optional<String> publicKey();

        /** File holding the RS256/ES256 verification key: a PEM public key or a JWKS document. Read at start-up. */
        Optional<String> publicKeyLocation();

        /** Expected {@code iss} claim; when unset, any issuer is accepted. */
        Optional<String> issuer();

        /** Expected {@code aud} claim; when unset, the audience is not checked. */
        Optional<String> audience();

        /** Leeway when checking {@code exp} and {@code nbf} against this server's clock (whole seconds count). */
        @WithDefault("30s")
        Duration clockSkew();

        /** Longest token accepted, in characters; longer ones are refused as malformed without being parsed. */
        @WithDefault("8192")
        int maxTokenLength();

        /** How failed token checks are limited per client IP address. */
        FailedChecksLimit rateLimit();
    }

    /** A token bucket per client IP address, spent by failed token checks (docs/security.md). */
    interface FailedChecksLimit {
        /** Failed checks a client may make in a burst before it gets 429 (too-many-requests). */
        @WithDefault("10")
        int burst();

        /** Failed checks a client regains per minute, up to {@code burst}. */
        @WithDefault("6")
        int perMinute();

        /** Most client addresses tracked at once; past it, new addresses share one bucket. */
        @WithDefault("10000")
        int maxClients();
    }

    interface Turn {
        /**
         * The secret shared with the TURN server ({@code static-auth-secret} in coturn). When set, every welcome
         * carries a TURN server with a fresh credential, and {@code GET /turn/credentials} issues them.
         */
        Optional<String> secret();

        /** How long an issued TURN credential stays valid. */
        @WithDefault("1h")
        Duration ttl();

        /** TURN URLs the credentials are for, e.g. {@code turn:turn.example.org:3478?transport=udp}. */
        Optional<List<String>> urls();
    }

    interface Outbox {
        /** Most frames queued for one peer but not yet written to its socket; past it new frames are dropped. */
        @WithDefault("1024")
        int maxMessages();

        /** Most bytes queued for one peer but not yet written to its socket; past it new frames are dropped. */
        @WithDefault("4194304")
        long maxBytes();

        /**
         * Most bytes held by the frames queued for all peers of this instance together (two bytes a character plus
         * 256 a frame); past it peers with a backlog are treated as too slow, as past their own budget, the
         * heaviest first. Unset: an eighth of the maximum heap (core OutboxBudget says why).
         */
        OptionalLong maxTotalBytes();
    }

    interface SocketIo {
        /**
         * How often the heartbeat runs: Engine.IO 4 servers send a ping this often, Engine.IO 3 clients are told to.
         */
        @WithDefault("25s")
        Duration pingInterval();

        /** How long a heartbeat may go unanswered before the session is closed as vanished. */
        @WithDefault("20s")
        Duration pingTimeout();

        /**
         * Largest HTTP long-polling request body a client may send, in bytes (advertised as {@code maxPayload});
         * larger bodies are refused with 413 and end the session.
         */
        @WithDefault("1000000")
        int maxPayload();

        /** How long an Engine.IO 4 session may stay open without connecting to a namespace. */
        @WithDefault("45s")
        Duration connectTimeout();

        /**
         * Serve the behaviour the Socket.IO project's reference protocol test suites expect instead of the seed
         * events: an Engine.IO echo at {@code /engine.io/}, and on {@code /socket.io/} the {@code auth},
         * {@code message-back} and {@code message-with-ack} handlers and a {@code /custom} namespace. Only for
         * running those suites; never switch it on in production.
         */
        @WithDefault("false")
        boolean referenceSuiteMode();
    }
}
