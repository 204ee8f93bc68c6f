package dev.signaling.dialect.signal;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RelayTest {
    static final String SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void directedRelayReachesOnlyItsTargetWithFromStampedAndDataUnchanged() {
        String room = RoomMembershipTest.room();
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal);
                TestClient c = TestClient.signal(signal)) {
            String aId = a.join(room).get("peerId").asText();
            String bId = b.join(room).get("peerId").asText();
            c.join(room);

            String data = "{\"type\":\"offer\",\"sdp\":" + TestClient.JSON.valueToTree(SDP)
                    + ",\"n\":1.50,\"big\":123456789012345678901234567890,\"u\":\"\\u00e9\\u2028 ✓\",\"nested\":[{},[],null,true]}";
            a.send("{\"type\":\"offer\",\"room\":\"" + room + "\",\"to\":\"" + bId + "\",\"data\":" + data + "}");

            JsonNode offer = b.awaitType("offer");
            assertThat(offer.get("from").asText()).isEqualTo(aId);
            assertThat(offer.get("room").asText()).isEqualTo(room);
            assertThat(offer.get("data")).isEqualTo(TestClient.parse(data));
            assertThat(offer.get("data").get("big").bigIntegerValue().toString())
                    .isEqualTo("123456789012345678901234567890");

            // c must not see the directed offer: the next relay c gets is the broadcast sent after it.
            a.send(msg("type", "message", "room", room, "data", "after"));
            assertThat(c.awaitType("message").get("data").asText()).isEqualTo("after");
            assertThat(c.pending()).noneMatch(f -> f.path("type").asText().equals("offer"));
        }
    }

    @Test
    void broadcastReachesEveryOtherMemberButNotTheSender() {
        String room = RoomMembershipTest.room();
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal);
                TestClient c = TestClient.signal(signal)) {
            String aId = a.join(room).get("peerId").asText();
            b.join(room);
            c.join(room);

            a.send(msg("type", "candidate", "room", room, "data",
                    msg("candidate", "candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host", "sdpMid", "0")));
            for (TestClient receiver : new TestClient[] { b, c }) {
                JsonNode candidate = receiver.awaitType("candidate");
                assertThat(candidate.get("from").asText()).isEqualTo(aId);
                assertThat(candidate.get("data").get("sdpMid").asText()).isEqualTo("0");
            }
            a.send(msg("type", "ping"));
            a.awaitType("pong");
            assertThat(a.pending()).noneMatch(f -> f.path("type").asText().equals("candidate"));
        }
    }

    @Test
    void aForgedFromIsIgnored() {
        String room = RoomMembershipTest.room();
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal)) {
            String aId = a.join(room).get("peerId").asText();
            String bId = b.join(room).get("peerId").asText();
            a.send(msg("type", "answer", "room", room, "to", bId, "from", "somebody-else", "data", "x"));
            assertThat(b.awaitType("answer").get("from").asText()).isEqualTo(aId);
        }
    }

    @Test
    void relayToAPeerInAnotherRoomIsRefused() {
        String mine = RoomMembershipTest.room();
        String theirs = RoomMembershipTest.room();
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal)) {
            a.join(mine);
            String bId = b.join(theirs).get("peerId").asText();

            a.send(msg("type", "offer", "room", mine, "to", bId, "data", "sdp", "id", "o1"));
            JsonNode error = a.awaitType("error");
            assertThat(error.get("code").asText()).isEqualTo("unknown-peer");
            assertThat(error.get("ref").asText()).isEqualTo("o1");

            // Naming the target's room instead does not help: the sender is not in it.
            a.send(msg("type", "offer", "room", theirs, "to", bId, "data", "sdp", "id", "o2"));
            JsonNode notIn = a.awaitType("error");
            assertThat(notIn.get("code").asText()).isEqualTo("not-in-room");

            b.send(msg("type", "ping"));
            b.awaitType("pong");
            assertThat(b.pending()).isEmpty();
        }
    }

    @Test
    void broadcastToARoomNotJoinedIsRefused() {
        try (TestClient a = TestClient.signal(signal)) {
            a.send(msg("type", "message", "room", RoomMembershipTest.room(), "data", 1));
            assertThat(a.awaitType("error").get("code").asText()).isEqualTo("not-in-room");
        }
    }

    @Test
    void messagesFromOneSenderArriveInOrder() {
        String room = RoomMembershipTest.room();
        try (TestClient a = TestClient.signal(signal); TestClient b = TestClient.signal(signal)) {
            a.join(room);
            String bId = b.join(room).get("peerId").asText();
            int count = 150; // within the default burst of 200: this tests ordering, not the rate limit
            for (int i = 0; i < count; i++) {
                a.send(msg("type", "candidate", "room", room, "to", bId, "data", i));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> b.pending().stream().filter(f -> f.path("type").asText().equals("candidate"))
                            .count() == count);
            for (int i = 0; i < count; i++) {
                assertThat(b.awaitType("candidate").get("data").asInt()).isEqualTo(i);
            }
        }
    }
}
