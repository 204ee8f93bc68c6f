package dev.signaling.dialect.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.signaling.support.EngineIoSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Engine.IO heartbeat on the wire, with the test profile's 1 s ping interval and 3 s ping timeout: version 4
 * sessions are pinged every interval and stay open while they answer, and are closed once a ping goes unanswered
 * for the timeout; version 3 sessions get a pong for each ping and are closed when their client stops pinging.
 * Only lower bounds are checked (the server must never act early); how late it may act is a matter of the sweep's
 * grain, and a busy machine adds to it.
 */
@QuarkusTest
class EngineIoHeartbeatTest {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TestHTTPResource("/socket.io/")
    URI endpoint;

    @Test
    void version4PingsEveryIntervalWhileAnsweredAndClosesWhenNot() throws Exception {
        long since = System.nanoTime();
        EngineIoSocket socket = EngineIoSocket.open(endpoint, 4);
        assertThat(socket.next()).startsWith("0{\"sid\":").contains("\"pingInterval\":1000", "\"pingTimeout\":3000");
        socket.send("40");
        assertThat(socket.nextData()).startsWith("40{\"sid\":");
        for (int ping = 0; ping < 4; ping++) {
            assertThat(nextPing(socket)).as("ping %d an interval after the open or the last pong", ping)
                    .isGreaterThanOrEqualTo(since + INTERVAL.toNanos());
            since = System.nanoTime();
            socket.send("3");
        }
        // Four answered pings took longer than an interval and a timeout: the pongs kept the session open.
        assertThat(socket.isOpen()).isTrue();

        long unanswered = nextPing(socket);
        socket.awaitClosed();
        // The ping left the server a little before it arrived here.
        assertThat(System.nanoTime()).as("closed a timeout after the unanswered ping")
                .isGreaterThanOrEqualTo(unanswered + TIMEOUT.minusMillis(500).toNanos());
    }

    @Test
    void version3AnswersPingsAndClosesWhenTheClientStopsPinging() throws Exception {
        EngineIoSocket socket = EngineIoSocket.open(endpoint, 3);
        assertThat(socket.next()).startsWith("0{\"sid\":");
        assertThat(socket.next()).isEqualTo("40"); // version 3 connects the main namespace at once
        long lastPing = 0;
        for (int ping = 0; ping < 3; ping++) {
            if (ping > 0) {
                // Pings two seconds apart: three of them outlast what the first one allowed (interval + timeout).
                assertThatThrownBy(() -> socket.closed().get(2, TimeUnit.SECONDS))
                        .as("still open after ping %d", ping).isInstanceOf(TimeoutException.class);
            }
            lastPing = System.nanoTime();
            socket.send("2");
            assertThat(socket.next()).isEqualTo("3");
        }
        socket.awaitClosed();
        assertThat(System.nanoTime()).as("closed an interval and a timeout after the last ping")
                .isGreaterThanOrEqualTo(lastPing + INTERVAL.plus(TIMEOUT).toNanos());
    }

    /** Waits for the server's next ping; returns when it came ({@link System#nanoTime}). */
    private static long nextPing(EngineIoSocket socket) throws InterruptedException {
        assertThat(socket.next()).isEqualTo("2");
        return System.nanoTime();
    }
}
