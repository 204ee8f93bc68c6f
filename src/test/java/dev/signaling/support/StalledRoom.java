package dev.signaling.support;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code /signal} room with a sender, a client that has stopped reading, and readers that keep up: the set-up of
 * the slow-consumer tests. The sender goes in windows that every reader confirms before the next, so a reader
 * never has more than one window in flight however busy the machine is; only the stalled client falls behind.
 */
public final class StalledRoom implements AutoCloseable {
    private final String room = "stalled-" + UUID.randomUUID();
    private final List<TestClient> clients = new ArrayList<>();
    private final TestClient sender;
    private final TestClient stalled;
    private final String stalledId;
    private final List<TestClient> readers = new ArrayList<>();

    public StalledRoom(URI signal, int readerCount) {
        sender = add(TestClient.signal(signal));
        stalled = add(TestClient.signal(signal));
        sender.join(room);
        stalledId = stalled.join(room).get("peerId").asText();
        for (int i = 0; i < readerCount; i++) {
            TestClient reader = add(TestClient.signal(signal));
            readers.add(reader);
            reader.join(room);
        }
        stalled.pauseReading();
    }

    private TestClient add(TestClient client) {
        clients.add(client);
        return client;
    }

    /** Sends messages {@code from} to {@code from + window - 1}, and waits until every reader has them, in order. */
    public int sendWindow(int from, int window, String pad) {
        for (int seq = from; seq < from + window; seq++) {
            sender.send(msg("type", "message", "room", room, "data", msg("seq", seq, "pad", pad)));
        }
        for (TestClient reader : readers) {
            for (int seq = from; seq < from + window; seq++) {
                assertThat(reader.awaitType("message").get("data").get("seq").asInt()).isEqualTo(seq);
            }
        }
        return from + window;
    }

    /** Whether the first reader has been told that the stalled client left (it was cut off). */
    public boolean stalledLeft() {
        return readers.get(0).pending().stream().anyMatch(f -> f.path("type").asText().equals("peer-left")
                && f.path("peerId").asText().equals(stalledId));
    }

    /** Every reader hears the stalled client leave, and of nobody else leaving. */
    public void assertEveryReaderSawOnlyTheStalledLeave() {
        for (TestClient reader : readers) {
            assertThat(reader.await(f -> f.path("type").asText().equals("peer-left")
                    && f.path("peerId").asText().equals(stalledId), "peer-left of the stalled client")).isNotNull();
            assertThat(reader.pending()).noneMatch(f -> f.path("type").asText().equals("peer-left"));
        }
    }

    /** The close code the stalled client gets once it reads again (1013 if the close frame itself was lost). */
    public int stalledCloseCode() {
        stalled.resumeReading();
        return stalled.closed().handle((code, failure) -> failure == null ? code : 1013).join();
    }

    @Override
    public void close() {
        clients.forEach(TestClient::close);
    }
}
