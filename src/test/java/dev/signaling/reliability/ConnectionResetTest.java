package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.support.ErrorLogProfile;
import dev.signaling.support.RawWebSocket;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that drops its TCP connection with a reset (a phone that changed networks, a tab killed with data still
 * unread) leaves its room like any other client that went away, and the server logs no error for it: that is a
 * client's everyday life, and an operator must not see an ERROR for every one of them. The reset client sends its
 * frames with data still unread on its side, as the clients that did it in bench/soak.sh did.
 */
@QuarkusTest
@TestProfile(ErrorLogProfile.class)
class ConnectionResetTest {

    @TestHTTPResource("/")
    URI root;

    private long logStart;

    @BeforeEach
    void markTheLog() throws IOException {
        logStart = Files.exists(ErrorLogProfile.LOG_FILE) ? Files.size(ErrorLogProfile.LOG_FILE) : 0;
    }

    @Test
    void aSignalPeerThatResetsItsConnectionIsSeenToLeave() throws Exception {
        String room = "reset-" + UUID.randomUUID();
        URI signal = root.resolve("/signal");
        try (TestClient b = TestClient.connect(signal)) {
            b.awaitType("welcome");
            b.join(room);
            RawWebSocket a = new RawWebSocket(signal);
            a.readText(); // welcome
            a.sendText(msg("type", "join", "room", room, "name", "A").toString());
            a.readText(); // joined
            b.awaitType("peer-joined");
            a.sendText("{not json"); // answered with an error that A never reads
            a.reset();
            b.awaitType("peer-left"); // once the resume window (a second here) is over
        }
        assertNoErrorLogged();
    }

    @Test
    void aLoginUserThatResetsItsConnectionFreesItsName() throws Exception {
        String name = "reset-" + UUID.randomUUID();
        URI login = root.resolve("/compat/login");
        RawWebSocket a = new RawWebSocket(login);
        a.sendText(msg("type", "login", "name", name).toString());
        assertThat(a.readText()).contains("\"success\":true");
        a.sendText(msg("type", "offer", "name", "nobody-" + name, "offer", msg("type", "offer")).toString());
        a.reset();
        // The name is taken until the server has seen the reset; then a new login with it succeeds.
        await().atMost(TestClient.WAIT).until(() -> {
            try (TestClient again = TestClient.connect(login)) {
                again.send(msg("type", "login", "name", name));
                return again.awaitType("login").get("success").asBoolean();
            }
        });
        assertNoErrorLogged();
    }

    @Test
    void aMeshMemberThatResetsItsConnectionIsSeenToLeave() throws Exception {
        URI group = root.resolve("/compat/mesh/reset-" + UUID.randomUUID());
        try (TestClient b = TestClient.connect(group)) {
            b.send(msg("type", "join", "id", "b", "nick", "B"));
            RawWebSocket a = new RawWebSocket(group);
            a.sendText(msg("type", "join", "id", "a", "nick", "A").toString());
            a.sendText(msg("type", "offer", "data", msg("type", "offer", "sdp", "v=0")).toString());
            b.awaitType("offer"); // A is a member
            a.sendText("{\"type\":\"dance\"}"); // answered with an error that A never reads
            a.reset();
            assertThat(b.awaitType("leave").get("senderId").asText()).isEqualTo("a");
        }
        assertNoErrorLogged();
    }

    /** Nothing at ERROR since the test began, once the server has had time to log what the reset did. */
    private void assertNoErrorLogged() throws IOException {
        // The peer's departure is seen after the failure was handled (and logged, if it was), on the same event loop.
        String log = logSinceStart();
        assertThat(log).as("what the server logged at WARN and above during the test").doesNotContain("ERROR");
    }

    private String logSinceStart() throws IOException {
        if (!Files.exists(ErrorLogProfile.LOG_FILE)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(ErrorLogProfile.LOG_FILE.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.max(0, length - logStart)];
            file.seek(Math.min(logStart, length));
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
