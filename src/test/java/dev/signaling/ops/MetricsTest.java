package dev.signaling.ops;

import static dev.signaling.support.TestClient.msg;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsTest {

    @TestHTTPResource("/signal")
    URI signal;

    static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first sample whose line starts with {@code series} (name plus tags), or 0. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "[^ ]* ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void signalingActivityShowsUpInPrometheusFormat() {
        double relayedBefore = value(scrape(), "signaling_messages_relayed_total{dialect=\"signal\",type=\"offer\"");
        double errorsBefore = value(scrape(), "signaling_errors_total{code=\"unknown-type\"");
        double peersBefore = value(scrape(), "signaling_peers");
        String room = "metrics-" + UUID.randomUUID();
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal)) {
            a.join(room);
            b.join(room);
            a.send(msg("type", "offer", "room", room, "data", "sdp"));
            a.send(msg("type", "ping"));
            a.awaitType("pong");
            assertThat(a.pending()).as("sender frames").noneMatch(f -> f.get("type").asText().equals("error"));
            b.awaitType("offer");
            a.send(msg("type", "dance"));
            a.awaitType("error");

            String scrape = scrape();
            assertThat(value(scrape, "signaling_connections{dialect=\"signal\"")).isGreaterThanOrEqualTo(2);
            assertThat(value(scrape, "signaling_peers")).isGreaterThanOrEqualTo(2);
            assertThat(value(scrape, "signaling_rooms")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "signaling_messages_relayed_total{dialect=\"signal\",type=\"offer\""))
                    .isEqualTo(relayedBefore + 1);
            assertThat(value(scrape, "signaling_errors_total{code=\"unknown-type\"")).isEqualTo(errorsBefore + 1);
            assertThat(scrape).contains("signaling_messages_received_total{dialect=\"signal\",type=\"join\"");
            assertThat(scrape).contains("signaling_connections_opened_total{dialect=\"signal\"");
            // WebSockets Next's own per-message meters are off: ours count the same, for every dialect, cheaper.
            assertThat(scrape).doesNotContain("quarkus_websockets_server_count");
        }
        // Peers go away with their sockets.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(value(scrape(), "signaling_peers")).isLessThanOrEqualTo(peersBefore));
    }

    @Test
    void theConnectionCapIsPublished() {
        // Not configured here: derived from this server's heap, and never above 16,000 (ConnectionCapTest).
        assertThat(value(scrape(), "signaling_connections_limit")).isBetween(1.0, 16_000.0);
    }

    @Test
    void noTagCarriesWhatAClientSent() {
        String secret = "secret" + UUID.randomUUID().toString().replace("-", "");
        try (TestClient a = TestClient.signal(signal)) {
            a.send(msg("type", secret));
            a.awaitType("error");
            a.join(secret);
        }
        assertThat(scrape()).doesNotContain(secret);
    }
}
