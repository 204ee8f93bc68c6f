package dev.signaling.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * What one logger of this process hands its handlers while the test runs: the records that got past the logger's
 * level and filter, as the console would print them. For tests whose server runs in the test's own process (a
 * router, or {@code @QuarkusTest}); the packaged app's tests read its log file instead.
 */
public final class LogRecords implements AutoCloseable {
    private final Logger logger;
    private final Queue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogRecords(String name) {
        logger = Logger.getLogger(name);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Starts collecting what the logger {@code name} (and the loggers below it) hands on. */
    public static LogRecords of(String name) {
        return new LogRecords(name);
    }

    /** The records so far at {@code level} or above, each as its level and message. */
    public List<String> atLeast(Level level) {
        return records.stream().filter(record -> record.getLevel().intValue() >= level.intValue())
                .map(record -> record.getLevel() + " " + message(record)
                        + (record.getThrown() == null ? "" : ": " + record.getThrown()))
                .toList();
    }

    private static String message(LogRecord record) {
        // JBoss Logging's records keep their printf pattern and arguments apart.
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
