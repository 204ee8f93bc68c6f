package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import dev.signaling.support.LogRecords;
import io.netty.handler.codec.DecoderException;

/**
 * What the Vert.x Redis client may still log of a connection it sets up, once a link has started: its I/O failures
 * (TLS refused, a reset) are the link's to report, anything else shows as before. {@code RedisTlsTest} checks it on
 * a real refused handshake.
 */
class ConnectionSetupErrorsTest {
    private static final Logger CLIENT = Logger.getLogger(ConnectionSetupErrors.LOGGER);

    @Test
    void theClientsSetUpErrorsShowUnlessTheyAreTheConnectionsOwnFailure() {
        ConnectionSetupErrors.install();
        ConnectionSetupErrors.install(); // every link calls it; one filter is enough
        assertThat(CLIENT.getFilter()).isInstanceOf(ConnectionSetupErrors.class);

        try (LogRecords records = LogRecords.of(ConnectionSetupErrors.LOGGER)) {
            CLIENT.log(Level.SEVERE, "Unhandled Error",
                    new DecoderException(new SSLHandshakeException("Received fatal alert: unknown_ca")));
            CLIENT.log(Level.SEVERE, "Unhandled Error", new IOException("Connection reset by peer"));
            CLIENT.log(Level.SEVERE, "Unhandled Error", new IllegalStateException("a bug of the client's"));
            CLIENT.log(Level.SEVERE, "Unhandled Error");
            CLIENT.log(Level.WARNING, "not an error", new IOException("Connection reset by peer"));

            assertThat(records.atLeast(Level.ALL)).containsExactly(
                    "SEVERE Unhandled Error: java.lang.IllegalStateException: a bug of the client's",
                    "SEVERE Unhandled Error",
                    "WARNING not an error: java.io.IOException: Connection reset by peer");
        }
    }
}
