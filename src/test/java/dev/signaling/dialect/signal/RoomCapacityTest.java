package dev.signaling.dialect.signal;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RoomCapacityTest {
    static final int CAPACITY = 50; // signaling.limits.max-peers-per-room default

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void aFullRoomRefusesTheNextJoinerAndNobodyInsideNotices() {
        String room = RoomMembershipTest.room();
        List<TestClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < CAPACITY; i++) {
                TestClient member = TestClient.signal(signal);
                members.add(member);
                assertThat(member.join(room).get("peers")).hasSize(i);
            }
            try (TestClient late = TestClient.signal(signal)) {
                late.send(msg("type", "join", "room", room, "id", "late"));
                JsonNode error = late.awaitType("error");
                assertThat(error.get("code").asText()).isEqualTo("room-full");
                assertThat(error.get("ref").asText()).isEqualTo("late");
            }
            // The first member saw exactly the 49 others arrive, and nothing about the refused one.
            TestClient first = members.get(0);
            for (int i = 1; i < CAPACITY; i++) {
                first.awaitType("peer-joined");
            }
            first.send(msg("type", "ping"));
            first.awaitType("pong");
            assertThat(first.pending()).isEmpty();

            // One leaves, and the room has space again.
            members.remove(CAPACITY - 1).close();
            first.awaitType("peer-left");
            try (TestClient next = TestClient.signal(signal)) {
                assertThat(next.join(room).get("peers")).hasSize(CAPACITY - 1);
            }
        } finally {
            members.forEach(TestClient::close);
        }
    }
}
