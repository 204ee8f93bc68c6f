package dev.signaling.ops;

import static dev.signaling.support.TestClient.msg;
import static dev.signaling.support.TestClient.withQuery;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.signaling.support.LogCaptureProfile;
import dev.signaling.support.TestClient;
import dev.signaling.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With every logger at DEBUG, a session with offers, candidates and refused tokens leaves no token, SDP, ICE
 * candidate or peer name in the log, nor any of them in a metric.
 */
@QuarkusTest
@TestProfile(LogCaptureProfile.class)
class LogPrivacyTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void tokensSdpCandidatesAndNamesNeverReachTheLogOrTheMetrics() throws Exception {
        String marker = UUID.randomUUID().toString().replace("-", "");
        String name = "name" + marker;
        String room = "room" + marker;
        String sdp = "v=0\r\no=- " + marker + " 2 IN IP4 127.0.0.1\r\na=fingerprint:sha-256 " + marker + "\r\n";
        String candidate = "candidate:" + marker + " 1 udp 2122260223 192.0.2.44 54321 typ host";
        String good = Tokens.rs256().sub(name).rooms(room).mint();
        List<String> bad = List.of(
                Tokens.wrongKey().sub(name).rooms(room).mint(),
                Tokens.rs256().sub(name).rooms(room).expiresAt(Instant.now().minusSeconds(600)).mint(),
                Tokens.rs256().sub(name).rooms(room).notBefore(Instant.now().plusSeconds(600)).mint(),
                "x" + marker + ".y" + marker + ".z" + marker,
                marker);
        URI signal = root.resolve("/signal");
        for (String token : bad) {
            TestClient.refusedUpgrade(withQuery(signal, "access_token=" + token), b -> {
            });
            TestClient.refusedUpgrade(signal, b -> b.subprotocols("access_token", token.replace('.', '-')));
            given().header("Authorization", "Bearer " + token).when().get("/turn/credentials").then().statusCode(401);
        }
        try (TestClient a = TestClient.connect(withQuery(signal, "access_token=" + good));
                TestClient b = TestClient.connect(signal, o -> o.subprotocols("access_token", good))) {
            a.awaitType("welcome");
            b.awaitType("welcome");
            a.join(room);
            String bId = b.join(room).get("peerId").asText();
            a.awaitType("peer-joined");
            a.send(msg("type", "offer", "room", room, "to", bId, "data", msg("type", "offer", "sdp", sdp)));
            b.awaitType("offer");
            a.send(msg("type", "candidate", "room", room, "data", msg("candidate", candidate)));
            b.awaitType("candidate");
            a.send("{\"type\":\"offer\",\"room\":\"" + room + "\",\"data\":" + marker + "}"); // invalid JSON
            a.awaitType("error");
        }
        given().header("Authorization", "Bearer " + good).when().get("/turn/credentials").then().statusCode(200);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(marker);
        // The log file is written as records arrive; the last request above must be in it before we look.
        await().atMost(TestClient.WAIT).until(() -> Files.exists(LogCaptureProfile.LOG_FILE)
                && Files.size(LogCaptureProfile.LOG_FILE) > 0);
        String log = Files.readString(LogCaptureProfile.LOG_FILE);
        assertThat(log).as("the server log").doesNotContain(marker);
        assertThat(log).doesNotContain(good.substring(good.lastIndexOf('.') + 1));
        for (String token : bad) {
            assertThat(log).doesNotContain(token);
        }
    }
}
