package dev.signaling.bench;

import io.vertx.core.Context;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One simulated browser: one WebSocket, owned by one event loop (every method runs on it), speaking one
 * {@link Dialect}. It numbers what it sends per destination stream and checks what it receives against those
 * numbers, so loss, duplication, reordering and misdelivery are caught message by message.
 */
final class Client {

    /** What a scenario does with a good delivery (answer it, time it, ...). */
    interface Receiver {
        void delivered(Client at, Dialect.Kind kind, Body body, long nowNanos);
    }

    private final int index;
    private final String name;
    private final List<String> rooms;
    private final Set<Integer> roomIndexes;
    private final Dialect dialect;
    private final Ledger ledger;
    private final Context loop;
    private final CompletableFuture<Client> readiness = new CompletableFuture<>();
    private final CompletableFuture<Void> closing = new CompletableFuture<>();
    private final CompletableFuture<Client> joinsDone = new CompletableFuture<>();
    /** Last sequence number seen per incoming stream (sender index, destination field). */
    private final Map<Long, long[]> lastSeen = new HashMap<>();
    /** Next sequence number per outgoing stream (destination field). */
    private final Map<Integer, long[]> nextSeq = new HashMap<>();

    private WebSocket socket;
    private String address;
    private int joinsOutstanding;
    private long connectStartedNanos;
    private Receiver receiver = (at, kind, body, now) -> { };
    private BiConsumer<Integer, String> presence = (delta, frame) -> { };
    private Set<Integer> partners = Set.of();
    private boolean closingOnPurpose;
    private boolean defersJoins;

    Client(int index, String name, List<String> rooms, Set<Integer> roomIndexes, Dialect dialect, Ledger ledger,
            Context loop) {
        this.index = index;
        this.name = name;
        this.rooms = rooms;
        this.roomIndexes = roomIndexes;
        this.dialect = dialect;
        this.ledger = ledger;
        this.loop = loop;
    }

    int index() { return index; }
    String name() { return name; }
    List<String> rooms() { return rooms; }
    Context loop() { return loop; }
    String address() { return address; }
    void address(String address) { this.address = address; }
    boolean open() { return socket != null && !socket.isClosed(); }
    CompletableFuture<Client> readiness() { return readiness; }
    CompletableFuture<Void> closed() { return closing; }

    /** Ready as soon as the socket is set up; the rooms are joined later with {@link #joinRooms()}. */
    void deferJoins() { this.defersJoins = true; }
    boolean defersJoins() { return defersJoins; }
    void onDelivery(Receiver receiver) { this.receiver = receiver; }
    /** Told +1 or -1 with the frame, for every arrival or departure announced in this client's rooms. */
    void onPresence(BiConsumer<Integer, String> presence) { this.presence = presence; }
    /** Clients allowed to send to this one; anything from another is misdelivered. */
    void partners(Set<Integer> partners) { this.partners = partners; }

    /** Opens the socket (on this client's event loop); {@link #readiness()} completes when the handshake is done. */
    CompletableFuture<Client> connect(WebSocketClient transport, URI base, Map<String, String> headers) {
        loop.runOnContext(v -> {
            connectStartedNanos = System.nanoTime();
            URI uri = dialect.connectUri(base);
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(uri.getHost()).setPort(uri.getPort())
                    .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            headers.forEach(options::addHeader);
            transport.connect(options).onComplete(result -> {
                if (result.failed()) {
                    fail("connect", String.valueOf(result.cause()));
                    closing.complete(null);
                    return;
                }
                socket = result.result();
                socket.textMessageHandler(this::received);
                socket.exceptionHandler(e -> ledger.error("socket", String.valueOf(e)));
                socket.closeHandler(x -> socketClosed());
                dialect.opened(this);
            });
        });
        return readiness;
    }

    /** Joins {@link #rooms()} now (after {@link #deferJoins()}); completes when every join is answered. */
    CompletableFuture<Client> joinRooms() {
        loop.runOnContext(v -> dialect.join(this));
        return joinsDone;
    }

    void send(String frame) {
        if (socket != null && !socket.isClosed()) {
            socket.writeTextMessage(frame);
        }
    }

    /**
     * Sends one relayed message to {@code to}, or to everyone else in room {@code roomIndex} when {@code to} is
     * null, owing {@code recipients} deliveries.
     */
    void relay(Dialect.Kind kind, Client to, int roomIndex, String room, int recipients, long sentNanos,
            long echoedNanos, String padding, StringBuilder scratch) {
        int destination = to != null ? to.index : -(roomIndex + 1);
        long seq = ++nextSeq.computeIfAbsent(destination, d -> new long[1])[0];
        scratch.setLength(0);
        StringBuilder body = new StringBuilder(padding.length() + 96);
        new Body(index, destination, seq, sentNanos, echoedNanos).writeTo(body, padding);
        dialect.relay(scratch, kind, this, to, room, body.toString());
        ledger.owed.add(recipients);
        send(scratch.toString());
    }

    void close() {
        closingOnPurpose = true;
        loop.runOnContext(v -> {
            if (socket != null && !socket.isClosed()) {
                socket.close();
            } else {
                closing.complete(null);
            }
        });
    }

    // --- called by the dialect during the handshake ---

    void awaitJoins(int count) {
        joinsOutstanding = count;
    }

    void joinAnswered() {
        if (--joinsOutstanding == 0) {
            ready();
            joinsDone.complete(this);
        }
    }

    void ready() {
        if (!readiness.isDone()) {
            if (ledger.measuring()) {
                ledger.setup.recordValue(Math.max(0, System.nanoTime() - connectStartedNanos));
            }
            readiness.complete(this);
        }
    }

    void presence(int delta, String frame) {
        presence.accept(delta, frame);
    }

    void fail(String kind, String sample) {
        ledger.error(kind, sample);
        if (!readiness.isDone()) {
            readiness.completeExceptionally(new IllegalStateException(kind + ": " + sample));
        }
        if (!joinsDone.isDone() && defersJoins) {
            joinsDone.completeExceptionally(new IllegalStateException(kind + ": " + sample));
        }
    }

    // --- receiving ---

    private void received(String frame) {
        Dialect.Kind kind = dialect.relayed(frame);
        if (kind == null) {
            dialect.control(this, frame);
            return;
        }
        long now = System.nanoTime();
        Body body;
        try {
            body = Body.find(frame);
        } catch (IllegalStateException altered) {
            ledger.error("body-altered", frame);
            return;
        }
        if (body == null) {
            ledger.error("no-body", frame);
            return;
        }
        if (!addressedToMe(body)) {
            ledger.misdelivered.increment();
            ledger.error("misdelivered", "client " + index + " got " + frame);
            return;
        }
        long stream = ((long) body.sender() << 32) ^ (body.receiver() & 0xffffffffL);
        long[] last = lastSeen.computeIfAbsent(stream, s -> new long[1]);
        if (body.seq() <= last[0]) {
            ledger.duplicated.increment();
            return;
        }
        if (body.seq() != last[0] + 1) {
            ledger.outOfOrder.increment();
        }
        last[0] = body.seq();
        ledger.delivered.increment();
        if (ledger.measuring()) {
            ledger.deliveredInWindow.increment();
            ledger.latency.recordValue(Math.max(0, now - body.sentNanos()));
        }
        receiver.delivered(this, kind, body, now);
    }

    private boolean addressedToMe(Body body) {
        if (!partners.contains(body.sender())) {
            return false;
        }
        int r = body.receiver();
        return r >= 0 ? r == index : roomIndexes.contains(-r - 1);
    }

    private void socketClosed() {
        if (!closingOnPurpose) {
            fail("unexpected-close", "client " + index + " closed by the server, code "
                    + socket.closeStatusCode() + " " + socket.closeReason());
        }
        closing.complete(null);
    }
}
