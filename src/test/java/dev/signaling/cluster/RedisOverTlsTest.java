package dev.signaling.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signaling.support.RedisServer;
import dev.signaling.support.Scrape;
import dev.signaling.support.TestCertificate;
import dev.signaling.support.TestClient;
import dev.signaling.support.TlsRedisProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The server on the Redis router, configured as the README says for a TLS-only Redis with a TLS registry
 * configuration that trusts the Redis's certificate and sets nothing else ({@link TlsRedisProfile}): Quarkus hands
 * such a configuration to the client without a hostname check, which Vert.x refuses, so the instance stayed unready
 * before the router read it as the registry documents (HTTPS). Here it is ready, a room works through that Redis, and
 * the metrics show the router's Redis client without its per-connection gauges ({@code RedisClientMeterFilter}).
 */
@QuarkusTest
@TestProfile(TlsRedisProfile.class)
class RedisOverTlsTest {

    @TestHTTPResource("/signal")
    URI signal;

    @TlsRedisProfile.Redis
    RedisServer redis;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200).body("checks.find { it.name == 'router' }.status", equalTo("UP")));
    }

    @Test
    void aRoomWorksThroughARedisReachedOverTls() {
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal)) {
            TestClient.exchange(a, b, "over tls");
        }
    }

    /**
     * cert-manager renews the instance's client certificate files, Redis moves to the authority of the new one, and
     * the connections drop: the instance reads the new files ({@code quarkus.tls.redis.reload-period}) and connects
     * with them ({@code RedisTlsRenewal}); before, it kept presenting the certificate read at start, which Redis
     * refused, and stayed unready until restarted. The new client's gauges replace the old one's.
     */
    @Test
    void aRenewedClientCertificateIsReadFromItsFilesForTheNextConnections() throws Exception {
        long logStart = TlsRedisProfile.logEnd();
        TestCertificate renewal = TestCertificate.make(Files.createTempDirectory("renewal-"), "IP:127.0.0.1");
        TlsRedisProfile.CLIENT.replaceWith(renewal);

        // One connection: the id Redis gave it, then the new authority, then every client's connections dropped.
        String replies = redis.tlsCommands("CLIENT ID", "CONFIG SET tls-ca-cert-file " + renewal.certificate(),
                "CLIENT KILL TYPE normal", "CLIENT KILL TYPE pubsub");
        assertThat(replies.lines().skip(1).findFirst()).hasValue("OK");
        long before = Long.parseLong(replies.lines().findFirst().orElseThrow().trim());

        // Only a connection presenting the renewed certificate gets in now: the instance's channel, opened again.
        await().atMost(Duration.ofSeconds(30)).until(() -> redis.tlsCommandsAs(renewal, "CLIENT LIST TYPE pubsub")
                .lines().anyMatch(client -> idOf(client) > before));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200).body("checks.find { it.name == 'router' }.status", equalTo("UP")));
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal)) {
            TestClient.exchange(a, b, "after the renewal");
        }
        // The client's gauges read the new client (the old one's read 0), Micrometer found no name taken, and the
        // attempts Redis refused on the way were the link's warnings, not the Vert.x client's stack traces.
        assertThat(Scrape.metrics()).containsPattern(
                "(?m)^redis_active_connections\\{clientName=\"signaling-router\"} 2\\.0$");
        assertThat(TlsRedisProfile.logSince(logStart)).doesNotContain("already registered")
                .doesNotContain("Unhandled Error");
    }

    private static long idOf(String clientListLine) {
        return clientListLine.startsWith("id=")
                ? Long.parseLong(clientListLine.substring(3, clientListLine.indexOf(' ')))
                : -1;
    }

    @Test
    void theRouterClientsMetersLeaveOutTheGaugesOfOneConnection() {
        String scrape = Scrape.metrics();
        assertThat(scrape).containsPattern("(?m)^redis_completed_total\\{clientName=\"signaling-router\"");
        assertThat(scrape).containsPattern("(?m)^redis_pool_active\\{pool_name=\"signaling-router\"");
        assertThat(scrape).doesNotContainPattern("(?m)^redis_queue_size\\{clientName=\"signaling-router\"");
        assertThat(scrape).doesNotContainPattern("(?m)^redis_current\\{clientName=\"signaling-router\"");
    }
}
