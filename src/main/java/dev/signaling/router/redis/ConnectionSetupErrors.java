package dev.signaling.router.redis;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the Vert.x Redis client from logging each failed connection attempt as an ERROR with a stack trace. While
 * the client sets a connection up (TLS, then HELLO or AUTH), an error on its socket is both logged ("Unhandled
 * Error", with Netty's stack) and handed to the attempt, which fails with it; {@link RedisLink} reports that failure
 * itself, with its reason, once per outage and reason and then every minute ({@link Outage}). So while Redis refused
 * an instance's certificate, say, the log got a stack trace at every retry, every 2 s, beside the link's one line.
 * Only I/O failures (TLS refused either way is one: {@code SSLException} is an {@code IOException}) are left out;
 * anything else the client logs there still shows. Installed once on the client's logger, for the whole process,
 * when a link starts.
 */
final class ConnectionSetupErrors implements Filter {
    static final String LOGGER = "io.vertx.redis.client.impl.RedisConnectionManager";

    // Held, as a log manager may forget a logger (and its filter) that nobody holds.
    private static final Logger CLIENT_LOG = Logger.getLogger(LOGGER);

    private ConnectionSetupErrors() {
    }

    static void install() {
        synchronized (CLIENT_LOG) {
            if (!(CLIENT_LOG.getFilter() instanceof ConnectionSetupErrors)) {
                CLIENT_LOG.setFilter(new ConnectionSetupErrors());
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return record.getLevel().intValue() < Level.SEVERE.intValue() || !reportedByTheLink(record.getThrown());
    }

    /** Whether the failure is the connection's own (Netty wraps it, in a {@code DecoderException} for TLS). */
    private static boolean reportedByTheLink(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
