package dev.signaling.router.redis;

import java.util.Optional;

import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;

/**
 * The hostname check of the link's TLS connections, which the two ways Quarkus configures TLS for Redis leave in
 * different states.
 *
 * <p>A TLS registry configuration ({@code quarkus.redis.tls-configuration-name=NAME} with {@code quarkus.tls.NAME.*},
 * what cert-manager secrets are usually mounted for) reaches the options with its
 * {@code hostname-verification-algorithm} as written. The registry documents HTTPS as the default, but left unset it
 * arrives as nothing, and Vert.x then refuses every connection ("Missing hostname verification algorithm"); set to
 * NONE it arrives as the name of an algorithm, which the JDK does not know, so it rejects every certificate
 * ("certificate unknown" in Redis's log), even with {@code trust-all}. The link reads unset as HTTPS and NONE as no
 * check, as the registry documents.
 *
 * <p>The per-client settings ({@code quarkus.redis.tls.*}) check no hostname unless told to (their documented
 * default is NONE): any certificate the trusted authorities signed is accepted, whichever server presents it. That
 * is the operator's choice to make, so the link keeps it and says so once at start.
 */
final class RedisTls {
    /** What Vert.x calls no hostname check. */
    private static final String NO_CHECK = "";

    private RedisTls() {
    }

    /** The algorithm the client should be given for a configured one (null when nothing was set). */
    static String hostnameCheck(String configured) {
        if (configured == null) {
            return "HTTPS";
        }
        return configured.equalsIgnoreCase("NONE") ? NO_CHECK : configured;
    }

    /** The warning for a client that speaks TLS to Redis and accepts certificates it should not, if it does. */
    static Optional<String> warning(RedisOptions options) {
        NetClientOptions net = options.getNetClientOptions();
        boolean tls = net.isSsl() || options.getEndpoints().stream().anyMatch(url -> url.startsWith("rediss:"));
        if (!tls) {
            return Optional.empty();
        }
        if (net.isTrustAll()) {
            return Optional.of("TLS to Redis trusts every certificate (trust-all): anyone between the instances and"
                    + " Redis can read and change what they send. Trust the authority that signed Redis's certificate"
                    + " instead (quarkus.redis.tls.trust-certificate-*, or a TLS registry configuration's"
                    + " trust-store)");
        }
        if (!NO_CHECK.equals(net.getHostnameVerificationAlgorithm())) {
            return Optional.empty();
        }
        return Optional.of("TLS to Redis checks no hostname: any certificate a trusted authority signed is accepted,"
                + " whoever presents it. Set quarkus.redis.tls.hostname-verification-algorithm=HTTPS (or, with a TLS"
                + " registry configuration, leave its hostname-verification-algorithm unset or HTTPS) when the"
                + " certificate names the host the instances connect to");
    }
}
