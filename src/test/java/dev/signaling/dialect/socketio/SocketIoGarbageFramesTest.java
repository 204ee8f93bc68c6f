package dev.signaling.dialect.socketio;

import static dev.signaling.dialect.socketio.SocketIoErrorResponsesTest.get;
import static dev.signaling.dialect.socketio.SocketIoErrorResponsesTest.handshake;
import static dev.signaling.dialect.socketio.SocketIoErrorResponsesTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.signaling.support.EngineIoSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Malformed input ends the offending session (as the reference server does) or is answered with a Socket.IO
 * error, and never disturbs the server: a fresh session works afterwards.
 */
@QuarkusTest
class SocketIoGarbageFramesTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/socket.io/")
    URI endpoint;

    @ParameterizedTest(name = "WebSocket frame \"{0}\" closes the session")
    @ValueSource(strings = { "abc", "", "9", "4abc", "42{}", "42abc[\"x\"]", "41{", "44{\"message\":1}" })
    void malformedWebSocketFramesCloseTheSession(String garbage) throws Exception {
        EngineIoSocket raw = EngineIoSocket.open(endpoint, 4);
        assertThat(raw.next()).startsWith("0{\"sid\":");
        if (garbage.startsWith("4") && garbage.length() > 1) {
            raw.send("40");
            assertThat(raw.nextData()).startsWith("40{\"sid\":");
        }
        raw.send(garbage.startsWith("4") && garbage.length() > 1 ? "4" + garbage : garbage);
        raw.awaitClosed();
        stillServesNewSessions();
    }

    @Test
    void malformedPollingPayloadsAreRefusedAndEndTheSession() throws Exception {
        for (int eio : new int[] { 3, 4 }) {
            for (String garbage : new String[] { "zzz", "x:40", "99:4", "" }) {
                String sid = handshake(endpoint, eio);
                URI session = URI.create(endpoint + "?EIO=" + eio + "&transport=polling&sid=" + sid);
                assertThat(post(session, garbage).statusCode()).as("POST %s (EIO %s)", garbage, eio).isEqualTo(400);
                assertThat(get(session).statusCode()).isEqualTo(400);
            }
        }
        stillServesNewSessions();
    }

    @Test
    void unknownNamespacesAndBinaryPacketsGetAConnectError() throws Exception {
        EngineIoSocket raw = EngineIoSocket.open(endpoint, 4);
        raw.next();
        raw.send("40/admin,");
        assertThat(raw.nextData()).isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
        raw.send("40");
        assertThat(raw.nextData()).startsWith("40{\"sid\":");
        raw.send("451-[\"offer\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(raw.nextData()).startsWith("44{\"message\":\"binary packets are not supported");
        raw.sendBinary(new byte[] { 1, 2, 3 });
        assertThat(raw.nextData()).startsWith("44{\"message\":\"binary packets are not supported");
        raw.send("40");
        assertThat(raw.nextData()).startsWith("40{\"sid\":");
    }

    @Test
    void aSecondPollWhileOneIsPendingEndsTheSession() throws Exception {
        String sid = handshake(endpoint, 4);
        URI session = URI.create(endpoint + "?EIO=4&transport=polling&sid=" + sid);
        // whichever poll arrives first is held; the other is refused, and the held one is answered with a close
        CompletableFuture<HttpResponse<String>> one = pollAsync(session);
        CompletableFuture<HttpResponse<String>> two = pollAsync(session);
        List<HttpResponse<String>> answers = List.of(one.get(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                two.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 400);
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).extracting(HttpResponse::body)
                .containsExactly("1");
        assertThat(get(session).statusCode()).isEqualTo(400);
    }

    private static CompletableFuture<HttpResponse<String>> pollAsync(URI session) {
        return SocketIoErrorResponsesTest.HTTP.sendAsync(HttpRequest.newBuilder(session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void stillServesNewSessions() throws Exception {
        String sid = handshake(endpoint, 4);
        URI session = URI.create(endpoint + "?EIO=4&transport=polling&sid=" + sid);
        assertThat(post(session, "40").body()).isEqualTo("ok");
        assertThat(get(session).body()).startsWith("40{\"sid\":");
    }
}
