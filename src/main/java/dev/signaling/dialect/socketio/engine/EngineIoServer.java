package dev.signaling.dialect.socketio.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.signaling.edge.HttpIdleTimer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;

/**
 * The Engine.IO server of one path: checks each request the way the reference server does, opens sessions
 * (handshake over long-polling or directly over WebSocket) and hands polls, posts and WebSocket upgrades to the
 * session named by {@code sid}. Both transports arrive on the same route, so one port and one path serve them.
 * Between {@link #start} and {@link #stop} one timer drives the heartbeat of every session.
 */
public final class EngineIoServer {
    private final Vertx vertx;
    private final EngineSettings settings;
    private final EngineApplication application;
    private final SessionGate gate;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private long sweepTimer = -1;

    public EngineIoServer(Vertx vertx, EngineSettings settings, EngineApplication application) {
        this(vertx, settings, application, SessionGate.OPEN);
    }

    public EngineIoServer(Vertx vertx, EngineSettings settings, EngineApplication application, SessionGate gate) {
        this.vertx = vertx;
        this.settings = settings;
        this.application = application;
        this.gate = gate;
    }

    /**
     * Starts the heartbeat: a sweep over every session, ten times per ping interval or timeout (whichever is
     * shorter), so a ping goes out, and a version 3 client that stopped pinging is dropped, at most a tenth of that
     * late (2 s at the defaults of 25 s and 20 s; socket.io-client allows a ping to come up to the timeout late).
     * One periodic timer instead of one per session: each held about 190 bytes for as long as its session was open
     * (docs/benchmarks.md, item 41), and every ping scheduled new ones. Only the wait for a pong has a timer of its
     * own (EngineSession#heartbeat).
     */
    public void start() {
        long grain = Math.max(10, Math.min(settings.pingIntervalMs(), settings.pingTimeoutMs()) / 10);
        sweepTimer = vertx.setPeriodic(grain, id -> {
            long now = System.nanoTime();
            sessions.values().forEach(session -> session.heartbeat(now));
        });
    }

    /** Stops the heartbeat (a live reload keeps the Vert.x instance, and with it the timer, running). */
    public void stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
            sweepTimer = -1;
        }
    }

    /** Sessions currently open. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Handles one request to the Engine.IO path. */
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String eio = request.getParam("EIO");
        int protocol = "4".equals(eio) ? 4 : "3".equals(eio) ? 3 : 0;
        if (protocol == 0) {
            fail(response, EngineError.UNSUPPORTED_PROTOCOL_VERSION);
            return;
        }
        String transport = request.getParam("transport");
        boolean websocket = "websocket".equals(transport);
        if (!websocket && !"polling".equals(transport)) {
            fail(response, EngineError.UNKNOWN_TRANSPORT);
            return;
        }
        boolean upgradeRequest = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (websocket != upgradeRequest) {
            fail(response, EngineError.BAD_REQUEST);
            return;
        }
        String sid = request.getParam("sid");
        if (sid == null) {
            handshake(request, protocol, websocket);
            return;
        }
        EngineSession session = sessions.get(sid);
        if (session == null) {
            fail(response, EngineError.UNKNOWN_SID);
        } else if (session.protocol() != protocol) {
            fail(response, EngineError.BAD_REQUEST);
        } else if (websocket) {
            // Like the reference server: a second WebSocket for an upgraded (or upgrading) session is accepted and
            // closed at once (EngineSession#upgrade).
            toWebSocket(request).onSuccess(session::upgrade);
        } else if (request.method() == HttpMethod.GET) {
            session.poll(response);
        } else if (request.method() == HttpMethod.POST) {
            post(request, session);
        } else {
            fail(response, EngineError.BAD_REQUEST);
        }
    }

    private void handshake(HttpServerRequest request, int protocol, boolean websocket) {
        if (request.method() != HttpMethod.GET) {
            fail(request.response(), EngineError.BAD_HANDSHAKE_METHOD);
            return;
        }
        Runnable release = gate.admit(request);
        if (release == null) {
            return;
        }
        EngineListener listener;
        try {
            listener = application.newSession(protocol, request);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        EngineSession session = new EngineSession(listener.sid(), protocol, listener, settings, vertx, ended -> {
            if (sessions.remove(ended.sid(), ended)) {
                release.run();
            }
        });
        sessions.put(session.sid(), session);
        if (websocket) {
            toWebSocket(request).onSuccess(session::openWebSocket)
                    .onFailure(e -> session.close("handshake failed", EngineIoCodec.CLOSE));
        } else {
            session.openPolling(request.response());
        }
    }

    /**
     * Upgrades {@code request} to a WebSocket, without HTTP's idle timer once it is one: the session's heartbeat
     * watches it from then on (see HttpIdleTimer). Handlers added to the result run after the timer is gone.
     */
    private static Future<ServerWebSocket> toWebSocket(HttpServerRequest request) {
        return request.toWebSocket().onSuccess(socket -> HttpIdleTimer.removeFrom(request.connection()));
    }

    private void post(HttpServerRequest request, EngineSession session) {
        HttpServerResponse response = request.response();
        String declared = request.getHeader("Content-Length");
        if (declared != null && tooLarge(declared)) {
            tooLarge(response, session);
            return;
        }
        if (request.isEnded()) {
            request.body().onSuccess(all -> answerPost(response, session, all));
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = new boolean[1];
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > settings.maxPayload()) {
                refused[0] = true;
                tooLarge(response, session);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (refused[0]) {
                return;
            }
            answerPost(response, session, body);
        });
        request.resume();
    }

    private void answerPost(HttpServerResponse response, EngineSession session, Buffer body) {
        if (body.length() > settings.maxPayload()) {
            tooLarge(response, session);
        } else if (session.receive(body.toString())) {
            response.putHeader("Content-Type", "text/html").end("ok");
        } else {
            fail(response, EngineError.BAD_REQUEST);
        }
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > settings.maxPayload();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void tooLarge(HttpServerResponse response, EngineSession session) {
        if (!response.ended()) {
            response.setStatusCode(413).putHeader("Connection", "close").end();
        }
        session.close("payload too large", EngineIoCodec.CLOSE);
    }

    /** Answers with the reference server's 400 and error body. */
    static void fail(HttpServerResponse response, EngineError error) {
        if (!response.ended() && !response.closed()) {
            response.setStatusCode(400).putHeader("Content-Type", "application/json").end(error.json());
        }
    }
}
