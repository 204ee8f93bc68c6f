package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;

/**
 * The hostname check the link's client gets for each way the TLS settings can state it ({@link RedisTls}), and the
 * warning at start for TLS that accepts certificates it should not. {@code RedisTlsTest} connects with them.
 */
class RedisTlsSettingsTest {

    @Test
    void aTlsRegistryConfigurationThatSetsNoCheckGetsHttpsAsTheRegistryDocuments() {
        assertThat(checkOf(new NetClientOptions().setSsl(true))).isEqualTo("HTTPS");
    }

    @Test
    void noneMeansNoCheckHoweverItIsWritten() {
        assertThat(checkOf(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("NONE"))).isEmpty();
        assertThat(checkOf(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("none"))).isEmpty();
        // quarkus.redis.tls.hostname-verification-algorithm=NONE (its default), as Quarkus hands it over
        assertThat(checkOf(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm(""))).isEmpty();
    }

    @Test
    void aNamedCheckStays() {
        assertThat(checkOf(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")))
                .isEqualTo("HTTPS");
        assertThat(checkOf(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("LDAPS")))
                .isEqualTo("LDAPS");
    }

    @Test
    void tlsWithoutAHostnameCheckOrTrustingEverythingIsWarnedOf() {
        assertThat(warningFor("rediss://store:6380", new NetClientOptions().setHostnameVerificationAlgorithm("")))
                .hasValueSatisfying(warning -> assertThat(warning).startsWith("TLS to Redis checks no hostname")
                        .contains("quarkus.redis.tls.hostname-verification-algorithm=HTTPS"));
        assertThat(warningFor("redis://store:6379", new NetClientOptions().setSsl(true).setTrustAll(true)))
                .hasValueSatisfying(warning -> assertThat(warning).startsWith("TLS to Redis trusts every certificate"));
    }

    @Test
    void tlsThatChecksTheHostnameAndPlainConnectionsAreNot() {
        assertThat(warningFor("rediss://store:6380", new NetClientOptions())).isEmpty(); // unset: HTTPS
        assertThat(warningFor("rediss://store:6380", new NetClientOptions().setHostnameVerificationAlgorithm("HTTPS")))
                .isEmpty();
        assertThat(warningFor("redis://store:6379", new NetClientOptions().setHostnameVerificationAlgorithm("")))
                .isEmpty();
    }

    private static String checkOf(NetClientOptions net) {
        return used("rediss://store:6380", net).getNetClientOptions().getHostnameVerificationAlgorithm();
    }

    private static Optional<String> warningFor(String url, NetClientOptions net) {
        return RedisTls.warning(used(url, net));
    }

    private static RedisOptions used(String url, NetClientOptions net) {
        RedisOptions given = new RedisOptions().setConnectionString(url).setNetClientOptions(net);
        return RedisLink.clientOptions(given, Duration.ofSeconds(12));
    }
}
