package dev.signaling.dialect.signal;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RoomMembershipTest {

    @TestHTTPResource("/signal")
    URI signal;

    static String room() {
        return "room-" + UUID.randomUUID();
    }

    @Test
    void joinerSeesEarlierMembersAndTheyAreToldAboutIt() {
        String room = room();
        try (TestClient alice = TestClient.signal(signal); TestClient bob = TestClient.signal(signal)) {
            alice.send(msg("type", "join", "room", room, "name", "Alice", "id", "r1"));
            JsonNode aliceJoined = alice.awaitType("joined");
            assertThat(aliceJoined.get("room").asText()).isEqualTo(room);
            assertThat(aliceJoined.get("peers")).isEmpty();
            assertThat(aliceJoined.get("ref").asText()).isEqualTo("r1");
            String aliceId = aliceJoined.get("peerId").asText();

            bob.send(msg("type", "join", "room", room, "name", "Bob", "id", 7));
            JsonNode bobJoined = bob.awaitType("joined");
            assertThat(bobJoined.get("ref").asInt()).isEqualTo(7);
            assertThat(bobJoined.get("peers")).hasSize(1);
            assertThat(bobJoined.get("peers").get(0).get("peerId").asText()).isEqualTo(aliceId);
            assertThat(bobJoined.get("peers").get(0).get("name").asText()).isEqualTo("Alice");

            JsonNode announced = alice.awaitType("peer-joined");
            assertThat(announced.get("room").asText()).isEqualTo(room);
            assertThat(announced.get("peer").get("peerId").asText()).isEqualTo(bobJoined.get("peerId").asText());
            assertThat(announced.get("peer").get("name").asText()).isEqualTo("Bob");
        }
    }

    @Test
    void leaveAnswersLeftAndTellsTheOthers() {
        String room = room();
        try (TestClient alice = TestClient.signal(signal); TestClient bob = TestClient.signal(signal)) {
            alice.join(room);
            String bobId = bob.join(room).get("peerId").asText();
            alice.awaitType("peer-joined");

            bob.send(msg("type", "leave", "room", room, "id", "bye"));
            JsonNode left = bob.awaitType("left");
            assertThat(left.get("room").asText()).isEqualTo(room);
            assertThat(left.get("ref").asText()).isEqualTo("bye");

            JsonNode peerLeft = alice.awaitType("peer-left");
            assertThat(peerLeft.get("room").asText()).isEqualTo(room);
            assertThat(peerLeft.get("peerId").asText()).isEqualTo(bobId);
        }
    }

    @Test
    void aPeerMayBeInSeveralRoomsAndLeavesOnlyTheOneItNames() {
        String first = room();
        String second = room();
        try (TestClient alice = TestClient.signal(signal); TestClient bob = TestClient.signal(signal)) {
            alice.join(first);
            alice.join(second);
            bob.join(first);
            bob.join(second);
            alice.awaitType("peer-joined");
            alice.awaitType("peer-joined");

            bob.send(msg("type", "leave", "room", first));
            bob.awaitType("left");
            assertThat(alice.awaitType("peer-left").get("room").asText()).isEqualTo(first);

            bob.send(msg("type", "message", "room", second, "data", "still here"));
            JsonNode relayed = alice.awaitType("message");
            assertThat(relayed.get("room").asText()).isEqualTo(second);
        }
    }

    @Test
    void anEmptiedRoomDisappearsAndStartsAfreshOnTheNextJoin() {
        String room = room();
        try (TestClient alice = TestClient.signal(signal)) {
            alice.join(room);
            alice.send(msg("type", "leave", "room", room));
            alice.awaitType("left");
        }
        try (TestClient carol = TestClient.signal(signal)) {
            assertThat(carol.join(room).get("peers")).isEmpty();
        }
    }

    @Test
    void joiningTwiceIsRefusedAndLeavingARoomNotJoinedToo() {
        String room = room();
        try (TestClient alice = TestClient.signal(signal)) {
            alice.join(room);
            alice.send(msg("type", "join", "room", room, "id", 1));
            JsonNode twice = alice.awaitType("error");
            assertThat(twice.get("code").asText()).isEqualTo("already-joined");
            assertThat(twice.get("ref").asInt()).isEqualTo(1);

            alice.send(msg("type", "leave", "room", room() , "id", 2));
            JsonNode notIn = alice.awaitType("error");
            assertThat(notIn.get("code").asText()).isEqualTo("not-in-room");
            assertThat(notIn.get("ref").asInt()).isEqualTo(2);
        }
    }
}
