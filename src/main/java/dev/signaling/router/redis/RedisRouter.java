package dev.signaling.router.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.Outbox;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;
import dev.signaling.core.SignalingException;
import dev.signaling.router.Router;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * A {@link Router} for many instances sharing one Redis. Membership and handles live in Redis and change only
 * through {@link RoomScripts}, atomically per operation; every event for a peer travels on the channel of the
 * instance holding its socket ({@code sig:bus:<instance>}), in the one order Redis ran the scripts in. Local
 * recipients take the same path as remote ones: that shared path is what keeps a joiner's {@code Joined} ahead of
 * everything else from its room, and one sender's messages in order, wherever the recipients are.
 *
 * <p>An operation completes when Redis's acknowledgement arrives on this instance's own channel, i.e. after every
 * event it sent to this instance's peers was handed to their outboxes. A relay delivered to peers of other instances
 * only completes with the script's reply instead (nothing here waits for its events); answers and events are handed
 * on in the order Redis ran the operations either way ({@link AnswerOrder}). While Redis is unreachable the router is
 * not ready, operations fail with {@code unavailable}, and once Redis is back the instance resyncs: its peers'
 * memberships are restored in Redis and every peer's view of its rooms is healed ({@link LocalPeers}).
 *
 * <p>An operation that failed with {@code unavailable} because no answer came in time may still have run in Redis.
 * Its late answer is not ignored ({@link PendingOps}): a late join's membership is recorded like any other (its
 * joiner got its Joined), and a late leave's peer is told it is out, so that this instance never restores what Redis
 * undid, nor drops what Redis did. What a connection the instance dropped delivers to Redis later is refused there
 * ({@code STALE}, see the epochs in {@link RoomScripts}); a refusal on the current connection means the heartbeat
 * expired, and the instance starts over.
 */
public final class RedisRouter implements Router {
    /** What the router tells the metrics. */
    @FunctionalInterface
    public interface Observer {
        /**
         * {@code count} events reached no one: {@code no-listener} when the recipient's instance was not listening,
         * {@code peer-gone} when the recipient's socket had closed.
         */
        void undeliverable(String reason, int count);

        /** A client's operation was refused because {@code maxQueuedOperations} already waited for Redis. */
        default void queueFull() {
        }

        /**
         * The router's Redis client ({@link #METRICS_NAME}) was closed, and another, of renewed TLS material, is
         * about to be made under the same name.
         */
        default void clientReplaced() {
        }
    }

    /**
     * The name of the router's Redis client in the metrics: its pool's ({@code redis_pool_*}, tag {@code pool_name})
     * and its commands' ({@code redis_*}, tag {@code clientName}).
     */
    public static final String METRICS_NAME = "signaling-router";

    /** The answer to an operation sent on a connection that is no longer this instance's current one. */
    private static final String STALE = "STALE";

    private final String instance = UUID.randomUUID().toString();
    private final Vertx vertx;
    private final RedisSettings settings;
    private final Observer observer;
    private final LocalPeers locals = new LocalPeers();
    private final PendingOps pending;
    /** Hands on the operations' answers in the order Redis ran them (touched on the link's context only). */
    private final AnswerOrder answers;
    private final AtomicLong ops = new AtomicLong();
    private final RedisLink link;
    /** The room script for this router's key prefix. */
    private final RoomScripts.Script roomScript;
    private final Presence presence;
    private volatile boolean ready;

    /** @param redis how to reach Redis: the router makes its own client ({@link RedisLink}) */
    public RedisRouter(Vertx vertx, RedisOptions redis, RedisSettings settings, Observer observer) {
        this.vertx = vertx;
        this.settings = settings;
        this.observer = observer;
        this.pending = new PendingOps(vertx, settings.operationTimeout());
        this.answers = new AnswerOrder(pending::isWaiting, new AnswerOrder.Handler() {
            @Override
            public void answer(long op, String result) {
                onAnswer(op, result);
            }

            @Override
            public void deliver(EventWire.Delivery delivery) {
                onDelivery(delivery);
            }
        }, settings.maxHeldBusBytes());
        this.roomScript = RoomScripts.withPrefix(settings.keyPrefix());
        String channel = settings.keyPrefix() + "bus:" + instance; // the script's chan(instance)
        this.link = new RedisLink(vertx, redis, channel, roomScript, this::onBusMessage, new RedisLink.Listener() {
            @Override
            public void up() {
                locals.dropUnconfirmed();
                resync().whenComplete((ok, failure) -> {
                    if (failure == null) {
                        ready = true;
                        scheduleAudit();
                        Log.infof("Router instance %s ready (%d local peers)", instance, locals.count());
                    } else { // e.g. no answer within the operation timeout: try again on new connections
                        // The link logs why it reconnects, no more than once in a while.
                        Log.debugf("Resync with Redis failed (%s); reconnecting", failure.getMessage());
                        link.restart("the resync failed: " + failure.getMessage());
                    }
                });
            }

            @Override
            public void down(Throwable cause) {
                ready = false;
                answers.flush(); // what Redis acknowledged ran; the rest fails
                pending.failAll(cause);
            }

            @Override
            public void full() {
                observer.queueFull();
            }

            @Override
            public void clientReplaced() {
                observer.clientReplaced();
            }
        }, settings.operationTimeout(), settings.maxQueuedOperations(), settings.instanceTtl());
        this.presence = new Presence(vertx, this, settings);
    }

    public void start() {
        pending.start();
        link.start();
        presence.start();
    }

    /**
     * New TLS material for the connections to Redis (a renewed client certificate, new authorities to trust; null
     * keeps the current): used from the next connection on, the open ones stay.
     */
    public void renewTls(KeyCertOptions key, TrustOptions trust) {
        link.renewTls(key, trust);
    }

    /** Leaves the cluster: this instance's peers leave every room (the others are told), then the link closes. */
    public CompletionStage<Void> stop() {
        presence.stop();
        CompletionStage<String> retired = ready ? submit("retire") : CompletableFuture.completedFuture(null);
        return retired.handle((r, e) -> null).thenCompose(x -> {
            ready = false;
            pending.stop();
            return link.stop();
        });
    }

    /**
     * Stops talking to Redis without leaving the cluster, as a crash would: the others reap this instance's peers
     * once its heartbeat expires. For tests of that healing; {@link #stop()} is the graceful way out.
     */
    public CompletionStage<Void> halt() {
        presence.stop();
        pending.stop();
        ready = false;
        return link.stop();
    }

    public String instanceId() {
        return instance;
    }

    @Override
    public void attach(PeerId peer, Outbox outbox) {
        locals.attach(peer, outbox);
    }

    @Override
    public CompletionStage<Boolean> detach(PeerId peer) {
        LocalPeers.LocalPeer local = locals.remove(peer);
        if (local == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (!local.joinedOnce) {
            return CompletableFuture.completedFuture(true);
        }
        // If Redis is away, the resync after it returns drops this peer's memberships; the peer is detached here
        // either way (it is unreachable from now on). Not droppable: its rooms must hear that it left.
        CompletableFuture<String> detached = ready ? submit("detach", peer.value())
                : CompletableFuture.completedFuture(null);
        return detached.handle((r, failure) -> true);
    }

    @Override
    public CompletionStage<JoinOutcome> join(RoomName room, PeerInfo peer, int capacity, RoomKind kind, String ref) {
        LocalPeers.LocalPeer local = locals.get(peer.peerId());
        if (local == null) {
            return CompletableFuture.completedFuture(JoinOutcome.PEER_GONE);
        }
        local.joinedOnce = true;
        LocalPeers.Membership membership = new LocalPeers.Membership(peer, kind);
        // A join that Redis ran after its client was told it timed out still happened, and the client got its
        // Joined: the membership is kept here all the same, so that a resync restores it rather than drops it.
        Consumer<String> late = result -> {
            if (JoinOutcome.JOINED.name().equals(result)) {
                locals.joined(peer.peerId(), room, membership);
            }
        };
        return run(late, "join", room.value(), peer.peerId().value(), EventWire.encodeMember(peer), handleOf(peer),
                Integer.toString(capacity), ref == null ? "null" : EventWire.encodeString(ref), kindOf(kind))
                .thenApply(result -> {
                    JoinOutcome outcome = JoinOutcome.valueOf(result);
                    if (outcome == JoinOutcome.JOINED) {
                        locals.joined(peer.peerId(), room, membership);
                    }
                    return outcome;
                });
    }

    @Override
    public CompletionStage<Boolean> leave(RoomName room, PeerId peer) {
        // A leave that Redis ran after its client was told it timed out still happened: the peer is told it is out
        // (as when a resync cannot restore a membership), and a resync will not bring the membership back. So is a
        // late "not in room" (the peer had been reaped meanwhile).
        Consumer<String> late = result -> locals.lost(peer, room); // LEFT or NOT_IN_ROOM: out, either way
        return run(late, "leave", room.value(), peer.value()).thenApply(result -> {
            locals.left(peer, room);
            return "LEFT".equals(result);
        });
    }

    @Override
    public CompletionStage<Delivery> relay(RoomName room, PeerId from, Recipient to, RelayKind kind, Payload data) {
        String mode;
        String target;
        if (to instanceof Recipient.Peer peer) {
            mode = "p";
            target = peer.peerId().value();
        } else if (to instanceof Recipient.Handle handle) {
            mode = "h";
            target = handle.handle();
        } else {
            mode = "*";
            target = "";
        }
        return run(null, "relay", room.value(), from.value(), mode, target, kind.wireName(),
                EventWire.encodeString(data.json()))
                .thenApply(RedisRouter::delivery);
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public Optional<String> whyNotReady() {
        if (ready) {
            return Optional.empty();
        }
        if (link.isUp()) {
            return Optional.of("restoring this instance's memberships in Redis");
        }
        String failure = link.lastFailure();
        return Optional.of(failure == null ? "connecting to Redis" : "no connection to Redis: " + failure);
    }

    @Override
    public int localPeerCount() {
        return locals.count();
    }

    @Override
    public int localRoomCount() {
        return locals.rooms().size();
    }

    /** Operations waiting for room on the connection to Redis. */
    public int queuedOperations() {
        return link.queued();
    }

    /** Rooms with a member on this instance. */
    public Set<RoomName> localRooms() {
        return locals.rooms();
    }

    /** Completes once everything published to this instance before the call has reached its peers' outboxes. */
    public CompletionStage<Void> sync() {
        return run(null, "sync").thenApply(r -> null);
    }

    CompletableFuture<String> beat() {
        return link.send(script("beat", "", Long.toString(settings.instanceTtl().toMillis())))
                .whenComplete((reply, failure) -> startOverIfRedisCannotServe(failure))
                .thenApply(Object::toString);
    }

    /** Whether nothing came on this instance's channel for longer than the instance TTL. */
    boolean busSilentTooLong() {
        return link.busSilence().compareTo(settings.instanceTtl()) > 0;
    }

    CompletableFuture<String> reap() {
        return submit("reap");
    }

    /**
     * Makes Redis match this instance's peers exactly and heals their views (see {@link RoomScripts}). Runs only
     * right after the link (re)connected, before the router is ready: every operation sent before failed with the
     * old connections and none is in flight, so what this instance holds is the whole truth. A membership Redis has
     * beyond it is a join whose answer was lost, and is undone.
     */
    private CompletableFuture<String> resync() {
        Map<PeerId, LocalPeers.LocalPeer> peers = locals.snapshot();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(settings.instanceTtl().toMillis()));
        args.add(Integer.toString(peers.size()));
        peers.keySet().forEach(id -> args.add(id.value()));
        peers.forEach((id, local) -> local.rooms.forEach((room, membership) -> {
            args.add(room.value());
            args.add(id.value());
            args.add(EventWire.encodeMember(membership.info()));
            args.add(handleOf(membership.info()));
            args.add(kindOf(membership.kind()));
        }));
        return submit("resync", args.toArray(String[]::new));
    }

    /**
     * Our heartbeat had expired in Redis: the others may have reaped this instance's peers. Rather than restore them
     * while operations are in flight (a resync's snapshot could then bring back a membership a leave on its way is
     * about to end), the instance starts over as after a lost connection: what is in flight fails, and the resync
     * after the reconnect restores exactly what it holds.
     */
    void startOver(String reason) {
        if (ready) { // once is enough: the resync after the reconnect makes the instance ready again
            ready = false;
            link.restart(reason);
        }
    }

    /** One instance TTL after a resync, heals every local peer's view of who left meanwhile. */
    private void scheduleAudit() {
        long delay = settings.instanceTtl().plus(settings.heartbeatInterval()).toMillis();
        vertx.setTimer(delay, t -> {
            if (ready) {
                submit("audit");
            }
        });
    }

    /**
     * An operation a client asked for and waits on: refused at once while the router is not ready, and droppable
     * (never sent if it waited in the link's queue past the operation timeout, when the client was told it failed).
     * If Redis answers after the client was told it timed out, the answer goes to {@code late} (when not null).
     */
    private CompletableFuture<String> run(Consumer<String> late, String op, String... args) {
        if (!ready) {
            return CompletableFuture.failedFuture(RedisLink.unavailable(null));
        }
        return submit(true, late, op, args);
    }

    /** An operation the instance needs done, in its own time: not droppable. */
    private CompletableFuture<String> submit(String op, String... args) {
        return submit(false, null, op, args);
    }

    /**
     * Runs one script operation and completes with its acknowledgement, or fails with {@code unavailable} when none
     * comes within the operation timeout.
     */
    private CompletableFuture<String> submit(boolean droppable, Consumer<String> late, String op, String... args) {
        long id = ops.incrementAndGet();
        CompletableFuture<String> result = pending.open(id, late);
        // Attached before the link can complete it, so that it runs on the link's context, in the order of the
        // replies (AnswerOrder is not thread-safe).
        CompletableFuture<Response> replied = new CompletableFuture<>();
        replied.whenComplete((reply, failure) -> {
            if (failure != null) {
                if (!answers.replyLost(id)) {
                    pending.fail(id, failureOf(op, failure));
                }
                startOverIfRedisCannotServe(failure);
            } else { // a relay's result (RoomScripts), or nil: the answer comes on the bus
                answers.replied(id, reply == null ? null : reply.toString());
            }
        });
        link.send(script(op, Long.toString(id), args), droppable, replied);
        return result;
    }

    /**
     * What a client is told when an operation could not be sent or got no answer: {@code unavailable}, also when
     * Redis is full (maxmemory with noeviction, where Redis refuses what would add data: joins), unless Redis itself
     * refused it otherwise (an error reply, a bug). The client library fails what was in flight on a connection that
     * closed with an error of its own making, which is no reply from Redis; and the errors the instance starts over
     * for ({@link #startOverIfRedisCannotServe}) pass once it has.
     */
    private static Throwable failureOf(String op, Throwable failure) {
        if (failure instanceof ErrorType error && error.is("OOM")) { // a join (RoomScripts), refused whole
            return new SignalingException(ErrorCode.UNAVAILABLE, "the cluster store is full, try again later");
        }
        if (failure instanceof ErrorType error && !error.is("CONNECTION_CLOSED") && !curedByReconnecting(error)) {
            return new IllegalStateException("Redis refused operation " + op + ": " + failure.getMessage());
        }
        return failure instanceof SignalingException ? failure : RedisLink.unavailable(failure);
    }

    /**
     * Errors every operation would get until the instance reconnects, so it starts over: Redis no longer has the
     * script (someone ran {@code SCRIPT FLUSH}; the link loads it when it connects), or it is a read-only replica (a
     * failover demoted it, and Redis keeps its clients connected; connecting again reaches what the address leads to
     * now, a primary once the failover is done, and until then the instance is unready, saying why).
     */
    private void startOverIfRedisCannotServe(Throwable failure) {
        if (failure instanceof ErrorType error && curedByReconnecting(error)) {
            startOver(error.is("NOSCRIPT") ? "Redis no longer has the room script"
                    : "Redis is a read-only replica: " + error.getMessage());
        }
    }

    /** The errors {@link #startOverIfRedisCannotServe} starts over for. */
    private static boolean curedByReconnecting(ErrorType error) {
        return error.is("NOSCRIPT") || error.is("READONLY");
    }

    private Request script(String op, String id, String... args) {
        Request request = Request.cmd(Command.EVALSHA).arg(roomScript.sha1()).arg(0).arg(op).arg(instance).arg(id);
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    private void onBusMessage(String text) {
        EventWire.BusMessage message = EventWire.decodeBus(text);
        if (message instanceof EventWire.Ack ack && ack.lost() > 0) {
            observer.undeliverable("no-listener", ack.lost());
        }
        if (!answers.heard(message, text.length())) {
            link.restart("the bus brought over " + settings.maxHeldBusBytes()
                    + " bytes while a reply was still owed on the other connection");
        }
    }

    private void onDelivery(EventWire.Delivery delivery) {
        if (delivery.op() > 0) {
            // A joiner's Joined, ahead of its join's acknowledgement: past this point the join no longer times out,
            // so its client is never told "joined" and then "unavailable". One that timed out already is delivered
            // all the same: it happened, and the join's late handler catches up when the ack comes.
            pending.claim(delivery.op());
        }
        for (PeerId to : delivery.to()) {
            if (!locals.deliver(to, delivery.event(), delivery.kind())) {
                observer.undeliverable("peer-gone", 1);
            }
        }
    }

    /** Operation {@code op}'s answer, in the order Redis ran the operations ({@link AnswerOrder}). */
    private void onAnswer(long op, String result) {
        if (!STALE.equals(result)) {
            pending.complete(op, result);
        } else if (pending.fail(op, RedisLink.unavailable(null))) {
            // Redis refused an operation of this connection: the heartbeat expired (this instance may have been
            // reaped). One sent on a connection dropped before is no longer waiting, and changes nothing here.
            startOver("Redis refused an operation: our heartbeat had expired");
        }
    }

    private static Delivery delivery(String result) {
        if (result.startsWith("DELIVERED:")) {
            return Delivery.delivered(Integer.parseInt(result.substring("DELIVERED:".length())));
        }
        return "NOT_IN_ROOM".equals(result) ? Delivery.NOT_IN_ROOM : Delivery.UNKNOWN_PEER;
    }

    private static String kindOf(RoomKind kind) {
        return kind == RoomKind.DIRECTORY ? "d" : "r";
    }

    private static String handleOf(PeerInfo peer) {
        return peer.handle() == null ? "" : peer.handle();
    }
}
