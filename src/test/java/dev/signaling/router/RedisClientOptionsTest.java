package dev.signaling.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.vertx.redis.client.RedisOptions;

/** The Redis router's client is made with the options Quarkus built for its default client, and only those. */
class RedisClientOptionsTest {

    @Test
    void keepsTheDefaultClientsOptions() {
        RedisClientOptions kept = new RedisClientOptions();
        kept.customize("<default>", new RedisOptions().setConnectionString("redis://:secret@store:6380/2")
                .setMaxPoolSize(9).setMaxWaitingHandlers(4096));
        kept.customize("sessions", new RedisOptions().setConnectionString("redis://elsewhere:6379"));

        RedisOptions options = kept.defaultClient();
        assertEquals("redis://:secret@store:6380/2", options.getEndpoint());
        assertEquals(9, options.getMaxPoolSize());
        assertEquals(4096, options.getMaxWaitingHandlers());
        assertNotSame(options, kept.defaultClient(), "each caller gets its own copy");
    }

    @Test
    void saysSoWhenQuarkusBuiltNoDefaultClient() {
        RedisClientOptions kept = new RedisClientOptions();
        kept.customize("sessions", new RedisOptions().setConnectionString("redis://elsewhere:6379"));
        IllegalStateException e = assertThrows(IllegalStateException.class, kept::defaultClient);
        assertEquals("Quarkus did not build its default Redis client (is quarkus.redis.hosts set?)", e.getMessage());
    }
}
