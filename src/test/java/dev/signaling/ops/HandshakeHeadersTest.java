package dev.signaling.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.RawWebSocket;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.ext.web.Router;

/**
 * A WebSocket upgrade keeps only the headers the handshake and our checks read (edge/HandshakeHeaders): a
 * browser's cookies and user agent do not stay in memory for the socket's life. Other requests keep every header.
 */
@QuarkusTest
class HandshakeHeadersTest {
    static final Map<String, String> BROWSER_HEADERS = Map.of(
            "Cookie", "session=" + "x".repeat(2_000),
            "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36",
            "Accept-Language", "en-GB,en;q=0.9",
            "X-Custom", "anything",
            "Origin", "http://localhost:3000",
            "X-Forwarded-For", "203.0.113.7");

    /** The Origin value each socket of this test holds, in the order they opened: the instances themselves. */
    static final List<String> HELD_ORIGINS = new CopyOnWriteArrayList<>();

    @TestHTTPResource("/test/handshake-headers")
    URI echo;

    /** Tells a client, as soon as it is open, the names of the headers its socket still holds. */
    @WebSocket(path = "/test/handshake-headers")
    static class HeaderNamesEndpoint {
        @OnOpen
        String open(WebSocketConnection connection) {
            HELD_ORIGINS.add(connection.handshakeRequest().header("Origin"));
            return namesFrame(connection.handshakeRequest().headers().keySet());
        }
    }

    /** The same for a plain HTTP request. */
    @ApplicationScoped
    static class HeaderNamesRoute {
        void routes(@Observes Router router) {
            router.get("/test/request-headers").handler(context -> context.response()
                    .putHeader("Content-Type", "application/json")
                    .end(namesFrame(context.request().headers().names())));
        }
    }

    static String namesFrame(Iterable<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String name : names) {
            quoted.add('"' + name.toLowerCase(Locale.ROOT) + '"');
        }
        return "{\"type\":\"headers\",\"names\":[" + String.join(",", new TreeSet<>(quoted)) + "]}";
    }

    @Test
    void anUpgradeKeepsOnlyTheHeadersThatAreRead() {
        try (TestClient client = TestClient.connect(echo, BROWSER_HEADERS)) {
            List<String> names = names(client.awaitType("headers"));
            assertThat(names).contains("host", "connection", "upgrade", "sec-websocket-key", "sec-websocket-version",
                    "origin", "x-forwarded-for");
            assertThat(names).doesNotContain("cookie", "user-agent", "accept-language", "x-custom");
        }
    }

    @Test
    void aCompressionOfferIsNotKept() throws Exception {
        // The JDK's client may not send this header; a browser always does. No extension is negotiated here.
        try (RawWebSocket client = new RawWebSocket(echo,
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertThat(names(TestClient.parse(client.readText()))).contains("sec-websocket-key")
                    .doesNotContain("sec-websocket-extensions");
        }
    }

    @Test
    void socketsHoldOneCopyOfAValueTheyAllSend() {
        try (TestClient first = TestClient.connect(echo, BROWSER_HEADERS);
                TestClient second = TestClient.connect(echo, BROWSER_HEADERS)) {
            first.awaitType("headers");
            second.awaitType("headers");
            List<String> held = HELD_ORIGINS.subList(HELD_ORIGINS.size() - 2, HELD_ORIGINS.size());
            assertThat(held.get(0)).isEqualTo("http://localhost:3000");
            // Each request brought its own copy; the second socket keeps the first one's.
            assertThat(held.get(1)).isSameAs(held.get(0));
        }
    }

    @Test
    void otherRequestsKeepTheirHeaders() {
        var request = given();
        BROWSER_HEADERS.forEach(request::header);
        JsonNode answer = TestClient.parse(request.when().get("/test/request-headers").then().statusCode(200)
                .extract().asString());
        assertThat(names(answer)).contains("cookie", "user-agent", "accept-language", "x-custom", "origin");
    }

    private static List<String> names(JsonNode frame) {
        List<String> names = new ArrayList<>();
        frame.get("names").forEach(name -> names.add(name.asText()));
        return names;
    }
}
