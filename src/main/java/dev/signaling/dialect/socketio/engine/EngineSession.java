package dev.signaling.dialect.socketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/**
 * One Engine.IO session: its transport (long-polling or WebSocket), the packets waiting for the next poll, the
 * polling → WebSocket upgrade, and the heartbeat (server pings in version 4, client pings in version 3), which its
 * server's sweep drives ({@link #heartbeat}). State is guarded by the session's monitor; nothing is called while
 * holding it but non-blocking socket writes, so listeners and the core never run under this lock.
 */
public final class EngineSession {
    private static final String TEXT = "text/plain; charset=UTF-8";

    private final String sid;
    private final int protocol;
    private final EngineListener listener;
    private final EngineSettings settings;
    private final Vertx vertx;
    private final Consumer<EngineSession> onEnd;
    private final AtomicInteger socketPendingMessages = new AtomicInteger();
    private final AtomicLong socketPendingChars = new AtomicLong();

    // guarded by this
    /** Packets waiting for a poll; the smallest to start with, as a WebSocket session never uses it. */
    private final ArrayDeque<String> buffer = new ArrayDeque<>(0);
    private long bufferedChars;
    /** The buffered packets that count against the shared budget (those past its free first few) and their size. */
    private int countedPackets;
    private long countedChars;
    private HttpServerResponse pendingPoll;
    private ServerWebSocket socket;
    private ServerWebSocket probe;
    /** The probe was answered: polls now get a noop and packets wait for the WebSocket. */
    private boolean probed;
    /** Closed by the client while no poll was waiting: the next poll still gets its noop, then 400s follow. */
    private boolean lingering;
    private boolean closed;
    /** The heartbeat started: the session is open. */
    private boolean beating;
    /**
     * When the heartbeat next acts ({@link System#nanoTime}): version 4, the next ping; version 3, the deadline of
     * the client's next ping.
     */
    private long heartbeatDue;
    /** Version 4, while a ping waits for its pong: the timer that ends the session if none comes; else -1. */
    private long pongTimer = -1;

    EngineSession(String sid, int protocol, EngineListener listener, EngineSettings settings, Vertx vertx,
            Consumer<EngineSession> onEnd) {
        this.sid = sid;
        this.protocol = protocol;
        this.listener = listener;
        this.settings = settings;
        this.vertx = vertx;
        this.onEnd = onEnd;
    }

    public String sid() {
        return sid;
    }

    /** The Engine.IO protocol version of this session: 3 or 4. */
    public int protocol() {
        return protocol;
    }

    /**
     * Queues a message packet for the client; false if the session is closed or its queue is over budget (the
     * message is dropped: a client that stopped reading must not make the server hold unbounded data).
     */
    public boolean sendMessage(String data) {
        return send(EngineIoCodec.MESSAGE + data, true);
    }

    /**
     * {@link #sendMessage}, for a message packet the caller built with its type ({@code 4}) already in front: the
     * relay path, where prefixing would copy every relayed message once more.
     */
    public boolean sendMessagePacket(String packet) {
        if (packet.isEmpty() || packet.charAt(0) != EngineIoCodec.MESSAGE) {
            throw new IllegalArgumentException("not an Engine.IO message packet");
        }
        return send(packet, true);
    }

    /** Queues a binary message (a WebSocket binary frame, or a base64 packet when polling). */
    public boolean sendBinary(byte[] data) {
        synchronized (this) {
            if (socket != null && probe == null) {
                byte[] frame = data;
                if (protocol == 3) {
                    frame = new byte[data.length + 1];
                    frame[0] = 4;
                    System.arraycopy(data, 0, frame, 1, data.length);
                }
                socket.writeBinaryMessage(Buffer.buffer(frame));
                return true;
            }
        }
        String base64 = Base64.getEncoder().encodeToString(data);
        return send(protocol == 3 ? "b4" + base64 : "b" + base64, true);
    }

    /** Ends the session from the server side. */
    public void close() {
        close("server close", EngineIoCodec.CLOSE);
    }

    // ---- opening ----

    void openPolling(HttpServerResponse response) {
        listener.onOpen(this);
        List<String> packets;
        synchronized (this) {
            packets = new ArrayList<>(buffer.size() + 1);
            packets.add(openPacket(true));
            packets.addAll(buffer);
            clearBuffer();
            startHeartbeat();
        }
        writePayload(response, packets);
    }

    void openWebSocket(ServerWebSocket ws) {
        synchronized (this) {
            socket = ws;
            ws.writeTextMessage(openPacket(false));
            startHeartbeat();
        }
        listen(ws);
        listener.onOpen(this);
    }

    private String openPacket(boolean canUpgrade) {
        return EngineIoCodec.openPacket(protocol, sid, canUpgrade, settings.pingIntervalMs(),
                settings.pingTimeoutMs(), settings.maxPayload());
    }

    // ---- long-polling ----

    /** A polling GET: answered now if packets wait, else held until one does. Errors answer 400. */
    void poll(HttpServerResponse response) {
        List<String> packets = null;
        boolean overlap = false;
        synchronized (this) {
            if (lingering) {
                lingering = false;
                packets = List.of(String.valueOf(EngineIoCodec.NOOP));
                onEnd.accept(this);
            } else if (closed || socket != null && probe == null) {
                // closed, or upgraded to WebSocket: polling is over for this session
                EngineIoServer.fail(response, EngineError.BAD_REQUEST);
                return;
            } else if (pendingPoll != null) {
                overlap = true;
            } else if (probed) {
                packets = List.of(String.valueOf(EngineIoCodec.NOOP));
            } else if (!buffer.isEmpty()) {
                packets = drain();
            } else {
                pendingPoll = response;
                response.closeHandler(ignored -> {
                    synchronized (this) {
                        if (pendingPoll == response) {
                            pendingPoll = null;
                        }
                    }
                });
            }
        }
        if (overlap) {
            EngineIoServer.fail(response, EngineError.BAD_REQUEST);
            close("overlapping poll requests", EngineIoCodec.CLOSE);
        } else if (packets != null) {
            writePayload(response, packets);
        }
    }

    /** The packets of a polling POST; false if the payload was malformed (the session is then closed). */
    boolean receive(String body) {
        List<String> packets;
        try {
            packets = EngineIoCodec.decodePayload(protocol, body);
        } catch (IllegalArgumentException e) {
            close("parse error", EngineIoCodec.CLOSE);
            return false;
        }
        for (String packet : packets) {
            onPacket(packet);
        }
        return true;
    }

    /** Called holding the lock. */
    private List<String> drain() {
        List<String> packets = new ArrayList<>(buffer);
        clearBuffer();
        return packets;
    }

    /** Called holding the lock: the queued packets leave (or are dropped) and give their budget back. */
    private void clearBuffer() {
        settings.shared().giveBack(countedChars, countedPackets);
        buffer.clear();
        bufferedChars = 0;
        countedPackets = 0;
        countedChars = 0;
    }

    private void writePayload(HttpServerResponse response, List<String> packets) {
        if (!response.ended() && !response.closed()) {
            response.putHeader("Content-Type", TEXT).end(EngineIoCodec.encodePayload(protocol, packets));
        }
    }

    // ---- WebSocket and upgrade ----

    /** Whether a WebSocket may take this polling session over now. */
    synchronized boolean canUpgrade() {
        return !closed && socket == null && probe == null;
    }

    /** A WebSocket opened with this session's sid: it becomes the transport once the probe and upgrade pass. */
    void upgrade(ServerWebSocket ws) {
        synchronized (this) {
            if (!canUpgrade()) {
                ws.close();
                return;
            }
            probe = ws;
        }
        listen(ws);
    }

    private void listen(ServerWebSocket ws) {
        ws.textMessageHandler(text -> onFrame(ws, text));
        ws.binaryMessageHandler(data -> onBinaryFrame(ws, data));
        ws.closeHandler(ignored -> onSocketClosed(ws));
        ws.exceptionHandler(ignored -> onSocketClosed(ws));
    }

    private void onFrame(ServerWebSocket ws, String text) {
        boolean probing;
        synchronized (this) {
            probing = ws == probe;
        }
        if (probing) {
            onProbeFrame(ws, text);
        } else if (EngineIoCodec.isValidPacket(text)) {
            onPacket(text);
        } else {
            close("parse error", EngineIoCodec.CLOSE);
        }
    }

    private void onProbeFrame(ServerWebSocket ws, String text) {
        if (text.equals(EngineIoCodec.PING + "probe")) {
            ws.writeTextMessage(EngineIoCodec.PONG + "probe");
            HttpServerResponse poll;
            synchronized (this) {
                if (probe != ws) {
                    return;
                }
                probed = true;
                poll = pendingPoll;
                pendingPoll = null;
            }
            if (poll != null) {
                // lets the client's outstanding poll finish so it can send the upgrade packet
                writePayload(poll, List.of(String.valueOf(EngineIoCodec.NOOP)));
            }
        } else if (text.equals(String.valueOf(EngineIoCodec.UPGRADE))) {
            HttpServerResponse poll;
            synchronized (this) {
                if (closed || probe != ws) {
                    return;
                }
                probe = null;
                probed = false;
                socket = ws;
                poll = pendingPoll;
                pendingPoll = null;
                for (String packet : drain()) {
                    write(ws, packet);
                }
            }
            if (poll != null) {
                writePayload(poll, List.of(String.valueOf(EngineIoCodec.NOOP)));
            }
        }
    }

    private void onBinaryFrame(ServerWebSocket ws, Buffer data) {
        synchronized (this) {
            if (ws != socket || probe != null) {
                return;
            }
        }
        byte[] bytes = data.getBytes();
        if (protocol == 3) {
            if (bytes.length == 0 || bytes[0] != 4) {
                close("parse error", EngineIoCodec.CLOSE);
                return;
            }
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        listener.onBinary(bytes);
    }

    private void onSocketClosed(ServerWebSocket ws) {
        boolean active;
        synchronized (this) {
            if (ws == probe) {
                probe = null;
                probed = false;
                return;
            }
            active = ws == socket;
        }
        if (active) {
            close("transport close", EngineIoCodec.CLOSE);
        }
    }

    // ---- packets from the client ----

    private void onPacket(String packet) {
        char type = packet.charAt(0);
        switch (type) {
            case EngineIoCodec.MESSAGE -> listener.onMessage(packet);
            case EngineIoCodec.PING -> {
                if (protocol == 3) {
                    long silence = settings.pingIntervalMs() + settings.pingTimeoutMs();
                    synchronized (this) {
                        heartbeatDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(silence);
                    }
                    send(EngineIoCodec.PONG + packet.substring(1), false);
                }
            }
            case EngineIoCodec.PONG -> {
                if (protocol >= 4) {
                    synchronized (this) {
                        cancelPongTimer();
                        heartbeatDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.pingIntervalMs());
                    }
                }
            }
            case EngineIoCodec.CLOSE -> close("client close", EngineIoCodec.NOOP);
            case 'b' -> onBase64(packet);
            default -> {
                // open, upgrade and noop carry nothing for the server
            }
        }
    }

    private void onBase64(String packet) {
        String base64 = protocol == 3 ? packet.substring(Math.min(2, packet.length())) : packet.substring(1);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            close("parse error", EngineIoCodec.CLOSE);
            return;
        }
        listener.onBinary(bytes);
    }

    // ---- sending ----

    private boolean send(String packet, boolean budgeted) {
        HttpServerResponse poll = null;
        List<String> packets = null;
        synchronized (this) {
            if (closed) {
                return false;
            }
            // As in every outbox, a session with a backlog is also held to the budget of all outboxes together.
            if (socket != null && probe == null) {
                int waiting = socketPendingMessages.get();
                long waitingChars = socketPendingChars.get();
                if (budgeted && (waiting >= settings.maxQueuedMessages()
                        || waitingChars + packet.length() > settings.maxQueuedChars()
                        || settings.shared().shouldShed(waiting, waitingChars, settings.maxQueuedMessages(),
                                settings.maxQueuedChars()))) {
                    return false;
                }
                write(socket, packet);
                return true;
            }
            if (budgeted && (buffer.size() >= settings.maxQueuedMessages()
                    || bufferedChars + packet.length() > settings.maxQueuedChars()
                    || settings.shared().shouldShed(buffer.size(), bufferedChars, settings.maxQueuedMessages(),
                            settings.maxQueuedChars()))) {
                return false;
            }
            if (settings.shared().take(buffer.size(), packet.length())) {
                countedPackets++;
                countedChars += packet.length();
            }
            buffer.add(packet);
            bufferedChars += packet.length();
            if (pendingPoll != null && !probed) {
                poll = pendingPoll;
                pendingPoll = null;
                packets = drain();
            }
        }
        if (poll != null) {
            writePayload(poll, packets);
        }
        return true;
    }

    /** Called holding the lock, so frames leave in the order they were queued. */
    private void write(ServerWebSocket ws, String packet) {
        int size = packet.length();
        boolean counted = settings.shared().take(socketPendingMessages.getAndIncrement(), size);
        socketPendingChars.addAndGet(size);
        ws.writeTextMessage(packet).onComplete(ignored -> {
            socketPendingMessages.decrementAndGet();
            socketPendingChars.addAndGet(-size);
            if (counted) {
                settings.shared().giveBack(size, 1);
            }
        });
    }

    // ---- heartbeat and closing ----

    /**
     * Called holding the lock, when the session opens. Version 4: the server pings every ping interval and waits
     * the ping timeout for the pong. Version 3: the client pings, and must within the interval and the timeout.
     */
    private void startHeartbeat() {
        beating = true;
        long wait = protocol >= 4 ? settings.pingIntervalMs() : settings.pingIntervalMs() + settings.pingTimeoutMs();
        heartbeatDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
    }

    /**
     * The heartbeat's turn, {@code now} being {@link System#nanoTime}: the server's sweep calls this for every
     * session several times per interval, instead of each session keeping a timer of its own for as long as it is open
     * (docs/benchmarks.md, item 41). Once due, version 4 pings, and a timer of this session waits for the pong: it
     * lives for a round trip when the client is there, and ends the session a ping timeout after the ping was due
     * when it is not (however late the sweep came). Version 3 ends a session whose client stopped pinging.
     */
    void heartbeat(long now) {
        synchronized (this) {
            if (closed || !beating || pongTimer >= 0 || now - heartbeatDue < 0) {
                return;
            }
            if (protocol >= 4) {
                long wait = TimeUnit.NANOSECONDS.toMillis(heartbeatDue - now) + settings.pingTimeoutMs();
                pongTimer = vertx.setTimer(Math.max(1, wait), this::pongOverdue);
            }
        }
        if (protocol >= 4) {
            send(String.valueOf(EngineIoCodec.PING), false);
        } else {
            close("ping timeout", EngineIoCodec.CLOSE);
        }
    }

    private void pongOverdue(long timer) {
        synchronized (this) {
            if (pongTimer != timer) {
                return; // the pong came while the timer fired
            }
        }
        close("ping timeout", EngineIoCodec.CLOSE);
    }

    /** Called holding the lock. */
    private void cancelPongTimer() {
        if (pongTimer >= 0) {
            vertx.cancelTimer(pongTimer);
            pongTimer = -1;
        }
    }

    /**
     * Ends the session once. A poll still waiting gets {@code pollAnswer}: a close packet when the server ends the
     * session, a noop when the client asked for the close.
     */
    void close(String reason, char pollAnswer) {
        HttpServerResponse poll;
        ServerWebSocket ws;
        ServerWebSocket probing;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancelPongTimer();
            poll = pendingPoll;
            pendingPoll = null;
            ws = socket;
            probing = probe;
            clearBuffer();
            lingering = poll == null && ws == null && pollAnswer == EngineIoCodec.NOOP;
        }
        if (poll != null) {
            writePayload(poll, List.of(String.valueOf(pollAnswer)));
        }
        if (ws != null && !ws.isClosed()) {
            ws.close();
        }
        if (probing != null && !probing.isClosed()) {
            probing.close();
        }
        if (lingering) {
            vertx.setTimer(settings.pingTimeoutMs(), id -> {
                synchronized (this) {
                    lingering = false;
                }
                onEnd.accept(this);
            });
        } else {
            onEnd.accept(this);
        }
        listener.onClose(reason);
    }
}
