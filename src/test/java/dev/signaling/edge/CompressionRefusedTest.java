package dev.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.signaling.support.RawWebSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A browser offers per-message compression on every upgrade; no endpoint takes it up (application.properties says
 * why: a compressed socket keeps about 300 KB of zlib state). The answer names no extension, and the frames that follow
 * are plain text. It fails if a later Quarkus or Vert.x starts honouring a default that compresses.
 */
@QuarkusTest
class CompressionRefusedTest {
    /** What Chromium and Firefox send. */
    static final Map<String, String> OFFER = Map.of(
            "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits",
            "Origin", "http://localhost:3000");

    @TestHTTPResource("/")
    URI root;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/signal                               |                                      | \"type\":\"welcome\"",
            "/compat/login                         | {\"type\":\"login\",\"name\":\"{id}\"} | \"success\":true",
            "/compat/mesh                          | {\"type\":\"nonsense\"}                | Unknown type: nonsense",
            "/socket.io/?EIO=4&transport=websocket |                                      | \"sid\":" })
    void anOfferOfCompressionIsDeclined(String path, String send, String expected) throws Exception {
        try (RawWebSocket client = new RawWebSocket(root.resolve(path), OFFER)) {
            assertThat(client.responseHeader("Sec-WebSocket-Extensions")).isNull();
            if (send != null) {
                client.sendText(send.replace("{id}", "deflate-" + UUID.randomUUID()));
            }
            // A compressed frame would carry deflate output, not this text.
            assertThat(client.readText()).contains(expected);
        }
    }
}
