package dev.signaling.dialect.login;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Two users of the seed's login protocol set up a call: login, offer, answer, candidates, frames as the seed's. */
@QuarkusTest
class LoginNegotiationTest {

    @TestHTTPResource("/compat/login")
    URI login;

    @Test
    void twoUsersNegotiateOfferAnswerAndCandidatesEndToEnd() {
        String alice = Logins.name("alice");
        String bob = Logins.name("bob");
        try (TestClient a = TestClient.connect(login); TestClient b = TestClient.connect(login)) {
            a.send("{\"type\":\"login\",\"name\":\"" + alice + "\"}");
            assertThat(a.awaitRawType("login")).isEqualTo("{\"type\":\"login\",\"success\":true}");
            b.send(msg("type", "login", "name", bob));
            assertThat(b.awaitRawType("login")).isEqualTo("{\"type\":\"login\",\"success\":true}");

            String sdp = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 46117 2 IN IP4 127.0.0.1\\r\\n\",\"n\":1.50}";
            a.send("{\"type\":\"offer\",\"offer\":" + sdp + ",\"name\":\"" + bob + "\"}");
            assertThat(b.awaitRawType("offer"))
                    .isEqualTo("{\"type\":\"offer\",\"offer\":" + sdp + ",\"name\":\"" + alice + "\"}");

            String answer = "{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}";
            b.send("{\"type\":\"answer\",\"answer\":" + answer + ",\"name\":\"" + alice + "\"}");
            assertThat(a.awaitRawType("answer")).isEqualTo("{\"type\":\"answer\",\"answer\":" + answer + "}");

            for (int i = 0; i < 3; i++) {
                String candidate = "{\"candidate\":\"candidate:" + i + " 1 udp 2122260223 10.0.0.1 5000" + i
                        + " typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";
                a.send("{\"type\":\"candidate\",\"candidate\":" + candidate + ",\"name\":\"" + bob + "\"}");
                b.send("{\"type\":\"candidate\",\"candidate\":" + candidate + ",\"name\":\"" + alice + "\"}");
                assertThat(b.awaitRawType("candidate"))
                        .isEqualTo("{\"type\":\"candidate\",\"candidate\":" + candidate + "}");
                assertThat(a.awaitRawType("candidate"))
                        .isEqualTo("{\"type\":\"candidate\",\"candidate\":" + candidate + "}");
            }
            // The end-of-candidates null goes through as well.
            a.send(msg("type", "candidate", "name", bob, "candidate", null));
            assertThat(b.awaitRawType("candidate")).isEqualTo("{\"type\":\"candidate\",\"candidate\":null}");

            // No greeting, no presence chatter: nothing else was sent to either side.
            Logins.settle(a);
            Logins.settle(b);
            assertThat(a.pending()).isEmpty();
            assertThat(b.pending()).isEmpty();
        }
    }
}
