package dev.signaling.dialect.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Requests the Engine.IO layer refuses get the reference server's status and error body. */
@QuarkusTest
class SocketIoErrorResponsesTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/socket.io/")
    URI endpoint;

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(URI uri, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a polling session and returns its sid. */
    static String handshake(URI endpoint, int eio) throws Exception {
        String open = get(URI.create(endpoint + "?EIO=" + eio + "&transport=polling")).body();
        int start = open.indexOf("\"sid\":\"") + 7;
        return open.substring(start, open.indexOf('"', start));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "?EIO=4&transport=polling&sid=nope                 | 400 | {\"code\":1,\"message\":\"Session ID unknown\"}",
            "?EIO=3&transport=polling&sid=nope                 | 400 | {\"code\":1,\"message\":\"Session ID unknown\"}",
            "?transport=polling                                | 400 | {\"code\":5,\"message\":\"Unsupported protocol version\"}",
            "?EIO=5&transport=polling                          | 400 | {\"code\":5,\"message\":\"Unsupported protocol version\"}",
            "?EIO=4                                            | 400 | {\"code\":0,\"message\":\"Transport unknown\"}",
            "?EIO=4&transport=flashsocket                      | 400 | {\"code\":0,\"message\":\"Transport unknown\"}",
            "?EIO=4&transport=websocket                        | 400 | {\"code\":3,\"message\":\"Bad request\"}" })
    void refusedRequestsGetTheReferenceAnswer(String query, int status, String body) throws Exception {
        HttpResponse<String> response = get(URI.create(endpoint + query));
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void aHandshakeByPostIsRefused() throws Exception {
        HttpResponse<String> response = post(URI.create(endpoint + "?EIO=4&transport=polling"), "40");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    }

    @Test
    void anOversizedPostIsRefusedAndEndsTheSession() throws Exception {
        String sid = handshake(endpoint, 4);
        URI session = URI.create(endpoint + "?EIO=4&transport=polling&sid=" + sid);
        HttpResponse<String> response = post(session, "4" + "x".repeat(1_000_001));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(get(session).statusCode()).isEqualTo(400);
    }

    @Test
    void aSessionOfOneProtocolVersionCannotBeUsedWithTheOther() throws Exception {
        String sid = handshake(endpoint, 4);
        HttpResponse<String> response = get(URI.create(endpoint + "?EIO=3&transport=polling&sid=" + sid));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    }
}
