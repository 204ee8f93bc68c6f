package dev.signaling.router;

import jakarta.inject.Singleton;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.redis.client.RedisOptions;

/**
 * Keeps the options Quarkus built for its default Redis client from {@code quarkus.redis.*} (hosts, password, TLS,
 * pool and timeouts), for the Redis router to make its own client with. The router needs a client of its own, made on
 * the event loop its connections should run on ({@code RedisLink}); Quarkus builds its client at start-up, on an event
 * loop of its choosing, and hands these options to every customizer just before.
 */
@Singleton
public class RedisClientOptions implements RedisOptionsCustomizer {
    /** The name Quarkus gives the default client (the one {@code quarkus.redis.hosts} configures). */
    static final String DEFAULT_CLIENT = "<default>";

    private volatile RedisOptions defaultClient;

    @Override
    public void customize(String clientName, RedisOptions options) {
        if (DEFAULT_CLIENT.equals(clientName)) {
            defaultClient = new RedisOptions(options);
        }
    }

    /** The default client's options; Quarkus has built that client once anything injects it. */
    RedisOptions defaultClient() {
        RedisOptions options = defaultClient;
        if (options == null) {
            throw new IllegalStateException(
                    "Quarkus did not build its default Redis client (is quarkus.redis.hosts set?)");
        }
        return new RedisOptions(options);
    }
}
