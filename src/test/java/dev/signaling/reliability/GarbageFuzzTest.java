package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.EngineIoSocket;
import dev.signaling.support.TestClient;
import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * More than 10,000 garbage frames on every dialect (random text, truncated and mutated valid JSON, deep nesting
 * within the size limit, wrong field types, binary frames, frames over the size limit, random Engine.IO/Socket.IO
 * packets) while a clean pair on {@code /signal} keeps exchanging numbered messages: none of theirs is lost,
 * duplicated or reordered, every fuzzing WebSocket gets errors and stays open (a Socket.IO session is ended, as
 * documented for malformed packets), and the server stays ready.
 *
 * <p>Runs with the default rate limit: the fuzz is spread over many connections, each sending fewer frames than the
 * burst (200), so no frame is refused for its rate and every one reaches the decoders.
 */
@QuarkusTest
class GarbageFuzzTest {
    static final int FRAMES_PER_CONNECTION = 180;
    static final int TOTAL_FRAMES = 10_000;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String JSON_CHARS = "{}[]\":,\\0123456789.-+eEtrufalsn ";

    /** Valid frames of every dialect, to truncate and mutate. */
    static final List<String> TEMPLATES = List.of(
            "{\"type\":\"join\",\"room\":\"fuzz\",\"name\":\"Ada\",\"id\":\"j1\"}",
            "{\"type\":\"leave\",\"room\":\"fuzz\",\"id\":7}",
            "{\"type\":\"offer\",\"room\":\"fuzz\",\"to\":\"abc\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}",
            "{\"type\":\"candidate\",\"room\":\"fuzz\",\"data\":{\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\"}}",
            "{\"type\":\"message\",\"room\":\"fuzz\",\"data\":[1,2.5e300,\"\\u0000\",null,true]}",
            "{\"type\":\"ping\",\"id\":\"p\"}",
            "{\"type\":\"login\",\"name\":\"fuzzer\"}",
            "{\"type\":\"offer\",\"name\":\"someone\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}",
            "{\"type\":\"answer\",\"answer\":{\"sdp\":\"v=0\"},\"receiverId\":\"x\",\"senderId\":\"y\"}",
            "{\"type\":\"join\",\"id\":\"m1\",\"nick\":\"Bo\"}",
            "{\"type\":\"leave\"}");
    static final List<String> WRONG_TYPES = List.of("{\"type\":123}", "{\"type\":null}", "{\"type\":[\"join\"]}",
            "{\"type\":\"join\",\"room\":42}", "{\"type\":\"join\",\"room\":{\"a\":1},\"name\":[]}",
            "{\"type\":\"offer\",\"room\":\"fuzz\",\"to\":17,\"data\":{}}", "{\"type\":\"ping\",\"id\":{\"x\":1}}",
            "{\"type\":\"login\",\"name\":false}", "{\"type\":\"join\",\"id\":[],\"nick\":1}", "[]", "\"join\"", "42",
            "null", "true", "{}", "");
    static final List<String> SOCKET_IO = List.of("40", "40{\"token\":1}", "41", "42[\"joinRoom\",{\"room\":\"fuzz\"}]",
            "42[\"create or join\",\"fuzz\"]", "42[\"message\",{\"type\":\"offer\"}]", "42[\"offer\",1,2,3]",
            "421[\"bye\"]", "43", "44", "45-", "451-[\"x\",{\"_placeholder\":true,\"num\":0}]", "2", "3", "5", "6",
            "4", "40/nope,", "42/other,[\"x\"]");

    @TestHTTPResource("/signal")
    URI signal;

    @TestHTTPResource("/compat/login")
    URI login;

    @TestHTTPResource("/compat/mesh")
    URI mesh;

    @TestHTTPResource("/socket.io/")
    URI socketIo;

    @Test
    void garbageOnEveryDialectDisturbsNoOneElse() throws Exception {
        long seed = System.nanoTime();
        Log.infof("GarbageFuzzTest seed %d", seed);
        Random seeds = new Random(seed);
        AtomicInteger sent = new AtomicInteger();
        String room = "clean-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal)) {
            String aId = a.join(room).path("peerId").asText();
            String bId = b.join(room).path("peerId").asText();
            a.awaitType("peer-joined");
            AtomicInteger exchanged = new AtomicInteger();
            // 25 messages per second each way, well under the rate limit.
            ticker.scheduleAtFixedRate(() -> {
                int seq = exchanged.getAndIncrement();
                a.send(msg("type", "message", "room", room, "to", bId, "data", seq));
                b.send(msg("type", "message", "room", room, "to", aId, "data", seq));
            }, 0, 40, TimeUnit.MILLISECONDS);

            List<CompletableFuture<Void>> fuzzers = new ArrayList<>();
            List<URI> endpoints = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                endpoints.add(signal);
            }
            for (int i = 0; i < 12; i++) {
                endpoints.add(login);
            }
            for (int i = 0; i < 8; i++) {
                endpoints.add(mesh);
                endpoints.add(URI.create(mesh + "/fuzz-" + i));
            }
            for (URI endpoint : endpoints) {
                long fuzzSeed = seeds.nextLong();
                fuzzers.add(CompletableFuture.runAsync(() -> fuzzWebSocket(endpoint, new Random(fuzzSeed), sent), pool));
            }
            CompletableFuture.allOf(fuzzers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> sessions = new ArrayList<>();
            while (sent.get() + 30L * sessions.size() < TOTAL_FRAMES + 300 || sessions.size() < 50) {
                long fuzzSeed = seeds.nextLong();
                sessions.add(CompletableFuture.runAsync(() -> fuzzSocketIo(new Random(fuzzSeed), sent), pool));
            }
            CompletableFuture.allOf(sessions.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(sent.get()).as("garbage frames sent").isGreaterThanOrEqualTo(TOTAL_FRAMES);

            ticker.shutdown();
            assertThat(ticker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            int count = exchanged.get();
            assertThat(count).isGreaterThan(10);
            for (TestClient receiver : List.of(a, b)) {
                for (int seq = 0; seq < count; seq++) {
                    JsonNode message = receiver.awaitType("message");
                    assertThat(message.path("data").asInt()).as("message %d", seq).isEqualTo(seq);
                }
                receiver.send(msg("type", "ping", "id", "last"));
                receiver.awaitType("pong");
                assertThat(receiver.pending()).as("nothing else: no duplicates, no errors").isEmpty();
            }
        } finally {
            ticker.shutdownNow();
            pool.shutdownNow();
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    /** Sends garbage on one WebSocket; it must answer errors, stay open, and answer a last request after it all. */
    private void fuzzWebSocket(URI endpoint, Random random, AtomicInteger sent) {
        try (TestClient client = TestClient.connect(endpoint)) {
            boolean signalDialect = endpoint.getPath().equals("/signal");
            if (signalDialect) {
                client.awaitType("welcome");
            }
            for (int i = 0; i < FRAMES_PER_CONNECTION; i++) {
                if (random.nextInt(20) == 0) {
                    client.sendBinary(randomBytes(random));
                } else {
                    client.send(garbage(random));
                }
                sent.incrementAndGet();
            }
            // Frames are handled in order, so the answer to this one comes after those to all the garbage.
            if (signalDialect) {
                client.send(msg("type", "ping", "id", "fuzz-end"));
                client.await(f -> "pong".equals(f.path("type").asText()) && "fuzz-end".equals(f.path("ref").asText()),
                        "the pong after the garbage");
            } else {
                client.send(msg("type", "fuzz-end"));
                client.await(f -> "error".equals(f.path("type").asText())
                        && f.path("message").asText().contains("fuzz-end"), "the error after the garbage");
            }
            assertThat(client.pending()).as("errors on %s", endpoint)
                    .anyMatch(f -> "error".equals(f.path("type").asText()));
            assertThat(client.isOpen()).as("%s still open", endpoint).isTrue();
        }
    }

    /** Sends random packets on a Socket.IO session over WebSocket, ending with a malformed one: the session ends. */
    private void fuzzSocketIo(Random random, AtomicInteger sent) {
        EngineIoSocket socket = EngineIoSocket.open(socketIo, 4);
        try {
            socket.next(); // the handshake
            int packets = 5 + random.nextInt(25);
            try {
                for (int i = 0; i < packets && socket.isOpen(); i++) {
                    int kind = random.nextInt(10);
                    if (kind == 0) {
                        socket.sendBinary(randomBytes(random));
                    } else if (kind < 5) {
                        socket.send(mutate(SOCKET_IO.get(random.nextInt(SOCKET_IO.size())), random));
                    } else if (kind < 7) {
                        socket.send("42" + garbage(random));
                    } else {
                        socket.send(garbage(random));
                    }
                    sent.incrementAndGet();
                }
                if (socket.isOpen()) {
                    socket.send("4{not a socket.io packet"); // malformed: documented to end the session
                    sent.incrementAndGet();
                }
            } catch (RuntimeException serverClosedMeanwhile) {
                // the server ended the session on an earlier packet: what the protocol document says it does
            }
            assertThat(socket.closed()).as("a Socket.IO session fed malformed packets ends")
                    .succeedsWithin(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            socket.abort();
        }
    }

    static String garbage(Random random) {
        String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        switch (random.nextInt(7)) {
            case 0:
                return randomText(random, random.nextInt(300));
            case 1:
                return template.substring(0, random.nextInt(template.length()));
            case 2:
                return mutate(template, random);
            case 3:
                return nested(random);
            case 4:
                return WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size()));
            case 5:
                return random.nextInt(40) == 0 ? "{\"type\":\"message\",\"data\":\"" + "x".repeat(70_000) + "\"}"
                        : template + randomText(random, 3);
            default:
                return "{\"type\":\"join\",\"room\":\"" + randomText(random, 20).replace("\"", "") + "\"}";
        }
    }

    /** Nesting as deep as fits in the 64 KiB frame limit (about 30,000 levels). */
    static String nested(Random random) {
        int depth = 100 + random.nextInt(30_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String inner = open.repeat(depth) + "1" + close.repeat(depth);
        return random.nextBoolean() ? inner : "{\"type\":\"message\",\"room\":\"fuzz\",\"data\":" + inner + "}";
    }

    static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, randomChar(random));
                default -> out.setCharAt(at, randomChar(random));
            }
        }
        return out.toString();
    }

    static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(randomChar(random));
        }
        return out.toString();
    }

    static char randomChar(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length()));
            case 1 -> (char) random.nextInt(0x20);
            case 2 -> (char) (0x20 + random.nextInt(0x5f));
            default -> (char) (0xa0 + random.nextInt(0xd700 - 0xa0)); // no lone surrogates: text frames are UTF-8
        };
    }

    static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return random.nextBoolean() ? bytes : new String(bytes, StandardCharsets.ISO_8859_1).getBytes(
                StandardCharsets.UTF_8);
    }
}
