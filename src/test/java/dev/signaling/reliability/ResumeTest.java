package dev.signaling.reliability;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.ShortResumeProfile;
import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A /signal client whose connection drops comes back with its resume token: same peer id, same rooms, everything
 * sent to it meanwhile delivered in order, and its room-mates never see it leave.
 */
@QuarkusTest
@TestProfile(ShortResumeProfile.class)
class ResumeTest {

    @TestHTTPResource("/signal")
    URI signal;

    static String room() {
        return "resume-" + UUID.randomUUID();
    }

    /** A new socket resuming {@code peerId}; {@code lastSeq} is the number of the last frame the old one got. */
    private TestClient resume(String peerId, String token, Long lastSeq) {
        TestClient client = TestClient.signal(signal);
        client.send(msg("type", "resume", "peerId", peerId, "resumeToken", token, "lastSeq", lastSeq, "id", "r"));
        return client;
    }

    @Test
    void aDroppedClientResumesWithItsRoomsAndEverythingSentMeanwhileInOrder() {
        String room = room();
        try (TestClient b = TestClient.signal(signal)) {
            TestClient a = TestClient.connect(signal);
            JsonNode welcome = a.awaitType("welcome");
            String aId = welcome.get("peerId").asText();
            String token = welcome.get("resumeToken").asText();
            a.join(room);
            b.join(room);
            long lastSeq = a.awaitType("peer-joined").get("seq").asLong();
            a.abort(); // the phone loses its network: no close frame

            for (int i = 0; i < 10; i++) {
                b.send(msg("type", i % 2 == 0 ? "message" : "candidate", "room", room, "to", aId, "data", i));
            }
            // The sends are not refused: aId is still a member while it may come back.
            b.send(msg("type", "ping"));
            b.awaitType("pong");
            assertThat(b.pending()).noneMatch(f -> f.path("type").asText().equals("error"));

            try (TestClient a2 = resume(aId, token, lastSeq)) {
                JsonNode resumed = a2.awaitType("resumed");
                assertThat(resumed.get("peerId").asText()).isEqualTo(aId);
                assertThat(resumed.get("lost").asInt()).isZero();
                assertThat(resumed.get("ref").asText()).isEqualTo("r");
                // Every message, including those written into the dead connection before the server noticed.
                for (int i = 0; i < 10; i++) {
                    JsonNode relayed = a2.await(f -> f.has("from"), "relayed message " + i);
                    assertThat(relayed.get("data").asInt()).isEqualTo(i);
                    assertThat(relayed.get("seq").asLong()).isEqualTo(lastSeq + 1 + i);
                }
                // Still in the room, under the same id, both ways.
                a2.send(msg("type", "message", "room", room, "data", "back"));
                assertThat(b.awaitType("message").get("from").asText()).isEqualTo(aId);
                b.send(msg("type", "offer", "room", room, "to", aId, "data", "sdp"));
                assertThat(a2.awaitType("offer").get("data").asText()).isEqualTo("sdp");
                // While the resumed socket is open, the room never saw the peer leave or come back (its own clean
                // close at the end of this block is a real leave).
                assertThat(b.pending()).noneMatch(f -> f.path("type").asText().startsWith("peer-"));
            }
        }
    }

    @Test
    void aLongAbsenceLosesWhatDoesNotFitAndSaysHowMuch() {
        String room = room();
        try (TestClient b = TestClient.signal(signal)) {
            TestClient a = TestClient.connect(signal);
            JsonNode welcome = a.awaitType("welcome");
            String aId = welcome.get("peerId").asText();
            a.join(room);
            b.join(room);
            long lastSeq = a.awaitType("peer-joined").get("seq").asLong();
            a.abort();
            int sent = ShortResumeProfile.BUFFERED + 4;
            for (int i = 0; i < sent; i++) {
                b.send(msg("type", "message", "room", room, "data", i));
            }
            b.send(msg("type", "ping"));
            b.awaitType("pong");
            try (TestClient a2 = resume(aId, welcome.get("resumeToken").asText(), lastSeq)) {
                // The most recent ones are kept: the oldest four are the ones lost.
                assertThat(a2.awaitType("resumed").get("lost").asInt()).isEqualTo(4);
                for (int i = 4; i < sent; i++) {
                    assertThat(a2.awaitType("message").get("data").asInt()).isEqualTo(i);
                }
            }
        }
    }

    @Test
    void aWrongOrExpiredTokenFailsAndTheClientCarriesOnAsANewPeer() {
        String room = room();
        try (TestClient b = TestClient.signal(signal)) {
            TestClient a = TestClient.connect(signal);
            JsonNode welcome = a.awaitType("welcome");
            String aId = welcome.get("peerId").asText();
            String token = welcome.get("resumeToken").asText();
            a.join(room);
            b.join(room);
            a.abort();

            try (TestClient forger = TestClient.connect(signal)) {
                String forgerId = forger.awaitType("welcome").get("peerId").asText();
                forger.send(msg("type", "resume", "peerId", aId, "resumeToken", token.substring(1) + "A"));
                assertThat(forger.awaitType("error").get("code").asText()).isEqualTo("resume-failed");
                assertThat(forger.join(room).get("peerId").asText()).isEqualTo(forgerId);
            }
            // Past the window the peer is gone for good: the others see it leave, and its token is worthless.
            assertThat(b.await(f -> f.path("type").asText().equals("peer-left")
                    && f.path("peerId").asText().equals(aId), "peer-left of the expired peer")).isNotNull();
            try (TestClient late = resume(aId, token, null)) {
                assertThat(late.awaitType("error").get("code").asText()).isEqualTo("resume-failed");
            }
        }
    }

    @Test
    void aSecondSocketResumingAConnectedPeerReplacesTheFirst() {
        String room = room();
        try (TestClient a = TestClient.connect(signal); TestClient b = TestClient.signal(signal)) {
            JsonNode welcome = a.awaitType("welcome");
            String aId = welcome.get("peerId").asText();
            a.join(room);
            b.join(room);
            try (TestClient a2 = resume(aId, welcome.get("resumeToken").asText(), null)) {
                assertThat(a2.awaitType("resumed").get("peerId").asText()).isEqualTo(aId);
                assertThat(a.closed().join()).isEqualTo(4001);
                b.send(msg("type", "message", "room", room, "to", aId, "data", "to the new socket"));
                assertThat(a2.awaitType("message").get("data").asText()).isEqualTo("to the new socket");
                assertThat(b.pending()).noneMatch(f -> f.path("type").asText().startsWith("peer-"));
            }
            // While a2 is still open the room never saw the peer leave (a2's own close afterwards is a real leave).
        }
    }
}
