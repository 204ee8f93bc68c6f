package dev.signaling.dialect.signal;

import static dev.signaling.support.TestClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signaling.support.TestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DisconnectCleanupTest {

    @TestHTTPResource("/signal")
    URI signal;

    @Test
    void closingTheSocketLeavesEveryRoomAndTheOthersAreTold() {
        String first = RoomMembershipTest.room();
        String second = RoomMembershipTest.room();
        try (TestClient stays = TestClient.signal(signal)) {
            stays.join(first);
            stays.join(second);
            String goneId;
            try (TestClient goes = TestClient.signal(signal)) {
                goneId = goes.join(first).get("peerId").asText();
                goes.join(second);
                stays.awaitType("peer-joined");
                stays.awaitType("peer-joined");
            }
            JsonNode left1 = stays.awaitType("peer-left");
            JsonNode left2 = stays.awaitType("peer-left");
            assertThat(left1.get("peerId").asText()).isEqualTo(goneId);
            assertThat(left2.get("peerId").asText()).isEqualTo(goneId);
            assertThat(java.util.Set.of(left1.get("room").asText(), left2.get("room").asText()))
                    .containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void aReconnectingClientNeverSeesItsDeadSelf() {
        String room = RoomMembershipTest.room();
        try (TestClient stays = TestClient.signal(signal)) {
            stays.join(room);
            String oldId;
            try (TestClient flaky = TestClient.signal(signal)) {
                oldId = flaky.join(room).get("peerId").asText();
            }
            stays.awaitType("peer-left");
            try (TestClient again = TestClient.signal(signal)) {
                JsonNode joined = again.join(room);
                assertThat(joined.get("peerId").asText()).isNotEqualTo(oldId);
                assertThat(joined.get("peers")).hasSize(1);
                assertThat(joined.get("peers").get(0).get("peerId").asText()).isNotEqualTo(oldId);
            }
        }
    }

    @Test
    void messagesToAPeerThatLeftAreRefused() {
        String room = RoomMembershipTest.room();
        try (TestClient stays = TestClient.signal(signal)) {
            stays.join(room);
            String goneId;
            try (TestClient goes = TestClient.signal(signal)) {
                goneId = goes.join(room).get("peerId").asText();
            }
            stays.awaitType("peer-joined");
            stays.awaitType("peer-left");
            stays.send(msg("type", "offer", "room", room, "to", goneId, "data", "sdp"));
            assertThat(stays.awaitType("error").get("code").asText()).isEqualTo("unknown-peer");
        }
    }
}
