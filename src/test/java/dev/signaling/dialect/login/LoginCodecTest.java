package dev.signaling.dialect.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.signaling.core.Command;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomKind;
import dev.signaling.core.RoomName;
import dev.signaling.core.SignalingException;
import dev.signaling.support.TestClient;

/** Wire text ⇄ commands and events of the login dialect, as tables. */
class LoginCodecTest {
    static final String ROOM = "~login";
    final LoginCodec codec = new LoginCodec();

    static Stream<Arguments> decoded() {
        Recipient bob = new Recipient.Handle("bob");
        return Stream.of(
                Arguments.of("{\"type\":\"login\",\"name\":\"alice\"}",
                        new Command.Join(ROOM, "alice", "alice", Integer.MAX_VALUE, RoomKind.DIRECTORY, "alice")),
                Arguments.of("{\"name\":\"\",\"type\":\"login\",\"extra\":[1]}",
                        new Command.Join(ROOM, "", "", Integer.MAX_VALUE, RoomKind.DIRECTORY, "")),
                Arguments.of("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{ \"type\":\"offer\", \"sdp\":\"v=0\\r\\n\" }}",
                        new Command.Relay(RelayKind.OFFER, ROOM, bob,
                                new Payload("{ \"type\":\"offer\", \"sdp\":\"v=0\\r\\n\" }"), "bob")),
                Arguments.of("{\"type\":\"answer\",\"answer\":\"plain string\" , \"name\":\"bob\"}",
                        new Command.Relay(RelayKind.ANSWER, ROOM, bob, new Payload("\"plain string\""), "bob")),
                Arguments.of("{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":null}",
                        new Command.Relay(RelayKind.CANDIDATE, ROOM, bob, new Payload("null"), "bob")),
                Arguments.of("{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":{\"candidate\":\"a\",\"sdpMLineIndex\":0}}",
                        new Command.Relay(RelayKind.CANDIDATE, ROOM, bob,
                                new Payload("{\"candidate\":\"a\",\"sdpMLineIndex\":0}"), "bob")),
                Arguments.of("{\"type\":\"leave\",\"name\":\"bob\"}",
                        new Command.Relay(RelayKind.BYE, ROOM, bob, new Payload("null"), "bob")),
                // As with JSON.parse, the last of duplicate fields wins.
                Arguments.of("{\"type\":\"offer\",\"type\":\"leave\",\"name\":\"x\",\"name\":\"bob\"}",
                        new Command.Relay(RelayKind.BYE, ROOM, bob, new Payload("null"), "bob")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("decoded")
    void decodes(String wire, Command expected) {
        assertThat(codec.decode(wire)).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("", ErrorCode.INVALID_JSON, "Invalid JSON"),
                Arguments.of("Hello", ErrorCode.INVALID_JSON, "Invalid JSON"),
                Arguments.of("{\"type\":\"login\"", ErrorCode.INVALID_JSON, "Invalid JSON"),
                Arguments.of("{\"type\":\"login\",\"name\":\"a\"}x", ErrorCode.INVALID_JSON, "Invalid JSON"),
                Arguments.of("[1]", ErrorCode.INVALID_MESSAGE, "Invalid message: expected a JSON object"),
                Arguments.of("null", ErrorCode.INVALID_MESSAGE, "Invalid message: expected a JSON object"),
                Arguments.of("{}", ErrorCode.UNKNOWN_TYPE, "Command not found: undefined"),
                Arguments.of("{\"type\":\"dance\"}", ErrorCode.UNKNOWN_TYPE, "Command not found: dance"),
                Arguments.of("{\"type\":42}", ErrorCode.UNKNOWN_TYPE, "Command not found: 42"),
                Arguments.of("{\"type\":\"" + "t".repeat(150) + "\"}", ErrorCode.UNKNOWN_TYPE,
                        "Command not found: " + "t".repeat(100) + "..."),
                Arguments.of("{\"type\":\"login\"}", ErrorCode.MISSING_FIELD, "Missing field: name"),
                Arguments.of("{\"type\":\"login\",\"name\":7}", ErrorCode.INVALID_FIELD,
                        "Invalid field: name must be a string"),
                Arguments.of("{\"type\":\"offer\",\"offer\":{}}", ErrorCode.MISSING_FIELD, "Missing field: name"),
                Arguments.of("{\"type\":\"offer\",\"name\":\"b\"}", ErrorCode.MISSING_FIELD, "Missing field: offer"),
                Arguments.of("{\"type\":\"answer\",\"name\":\"b\"}", ErrorCode.MISSING_FIELD, "Missing field: answer"),
                Arguments.of("{\"type\":\"candidate\",\"name\":null,\"candidate\":1}", ErrorCode.INVALID_FIELD,
                        "Invalid field: name must be a string"),
                Arguments.of("{\"type\":\"leave\"}", ErrorCode.MISSING_FIELD, "Missing field: name"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void refuses(String wire, ErrorCode code, String message) {
        assertThatThrownBy(() -> codec.decode(wire)).isInstanceOfSatisfying(SignalingException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    static Stream<Arguments> encoded() {
        RoomName room = new RoomName(ROOM);
        PeerInfo alice = new PeerInfo(new PeerId("p1"), "alice", "alice");
        return Stream.of(
                Arguments.of(new Event.Joined(room, alice.peerId(), List.of(), "alice"),
                        "{\"type\":\"login\",\"success\":true}"),
                Arguments.of(new Event.Failure(ErrorCode.NAME_TAKEN, "name is taken", "alice"),
                        "{\"type\":\"login\",\"success\":false}"),
                Arguments.of(new Event.Failure(ErrorCode.ALREADY_JOINED, "already in this room", "alice"),
                        "{\"type\":\"login\",\"success\":false}"),
                Arguments.of(new Event.Relayed(RelayKind.OFFER, room, alice, new Payload("{ \"sdp\" : \"v=0\" }")),
                        "{\"type\":\"offer\",\"offer\":{ \"sdp\" : \"v=0\" },\"name\":\"alice\"}"),
                Arguments.of(new Event.Relayed(RelayKind.ANSWER, room, alice, new Payload("\"a\"")),
                        "{\"type\":\"answer\",\"answer\":\"a\"}"),
                Arguments.of(new Event.Relayed(RelayKind.CANDIDATE, room, alice, new Payload("null")),
                        "{\"type\":\"candidate\",\"candidate\":null}"),
                Arguments.of(new Event.Relayed(RelayKind.BYE, room, alice, new Payload("null")),
                        "{\"type\":\"leave\"}"),
                Arguments.of(new Event.Failure(ErrorCode.UNKNOWN_PEER, "no such peer in this room", "b\"ob"),
                        "{\"type\":\"error\",\"message\":\"User not logged in: b\\\"ob\"}"),
                Arguments.of(new Event.Failure(ErrorCode.NOT_IN_ROOM, "not in this room", "bob"),
                        "{\"type\":\"error\",\"message\":\"Not logged in: send login first\"}"),
                Arguments.of(new Event.Failure(ErrorCode.UNKNOWN_TYPE, "Command not found: x", null),
                        "{\"type\":\"error\",\"message\":\"Command not found: x\"}"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("encoded")
    void encodes(Event event, String wire) {
        assertThat(codec.encode(event)).isEqualTo(wire);
        TestClient.parse(wire); // and it is valid JSON
    }

    static Stream<Arguments> silent() {
        RoomName room = new RoomName(ROOM);
        PeerInfo alice = new PeerInfo(new PeerId("p1"), "alice", "alice");
        return Stream.of(
                Arguments.of(new Event.Welcome(alice.peerId(), List.of(), new Event.Limits(1, 2, 3, 4), "token")),
                Arguments.of(new Event.PeerJoined(room, alice)),
                Arguments.of(new Event.PeerLeft(room, alice)),
                Arguments.of(new Event.Left(room, null)),
                Arguments.of(new Event.Pong(null)),
                Arguments.of(new Event.Relayed(RelayKind.MESSAGE, room, alice, new Payload("1"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("silent")
    void saysNothingAboutWhatTheSeedNeverSent(Event event) {
        assertThat(codec.encode(event)).isNull();
    }
}
