package dev.signaling.dialect.mesh;

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
import dev.signaling.core.RoomName;
import dev.signaling.core.SignalingException;
import dev.signaling.support.TestClient;

/** Wire text ⇄ commands and events of the mesh dialect, as tables. */
class MeshCodecTest {
    static final String ROOM = "~mesh/default";
    static final PeerId SELF = new PeerId("Zr0AssignedId");
    final MeshCodec codec = new MeshCodec(64);

    static Stream<Arguments> decoded() {
        return Stream.of(
                Arguments.of("{\"type\":\"join\",\"id\":\"u1\",\"nick\":\"Ada\"}",
                        new Command.Join(ROOM, "Ada", "\"u1\"", null, "u1")),
                Arguments.of("{\"type\":\"join\",\"payload\":{\"nick\":\"Ada\"}}",
                        new Command.Join(ROOM, "Ada", "\"Zr0AssignedId\"", null, "Zr0AssignedId")),
                Arguments.of("{\"type\":\"join\",\"id\":42}", new Command.Join(ROOM, null, "42", null, "42")),
                Arguments.of("{\"type\":\"join\",\"id\":null,\"nick\":null,\"payload\":\"x\"}",
                        new Command.Join(ROOM, null, "\"Zr0AssignedId\"", null, "Zr0AssignedId")),
                Arguments.of("{\"type\":\"join\",\"id\":\"\\u0061b\",\"nick\":\"top\",\"payload\":{\"nick\":\"inner\"}}",
                        new Command.Join(ROOM, "top", "\"ab\"", null, "ab")),
                Arguments.of("{\"type\":\"offer\",\"data\":{ \"sdp\" : \"v=0\\r\\n\" }}",
                        new Command.Relay(RelayKind.OFFER, ROOM, Recipient.EVERYONE,
                                new Payload("{\"type\":\"offer\",\"data\":{ \"sdp\" : \"v=0\\r\\n\" }}"), null)),
                Arguments.of(" { \"type\" : \"candidate\" , \"senderId\":\"forged\", \"data\" : [1, 2.50] ,\"userInfo\":{\"id\":\"x\"} } ",
                        new Command.Relay(RelayKind.CANDIDATE, ROOM, Recipient.EVERYONE,
                                new Payload("{\"type\" : \"candidate\",\"data\" : [1, 2.50]}"), null)),
                Arguments.of("{\"type\":\"answer\",\"receiverId\":\"u1\",\"data\":{}}",
                        new Command.Relay(RelayKind.ANSWER, ROOM, new Recipient.Handle("\"u1\""),
                                new Payload("{\"type\":\"answer\",\"receiverId\":\"u1\",\"data\":{}}"), "u1")),
                Arguments.of("{\"type\":\"answer\",\"receiverId\":7,\"sender\\u0049d\":1}",
                        new Command.Relay(RelayKind.ANSWER, ROOM, new Recipient.Handle("7"),
                                new Payload("{\"type\":\"answer\",\"receiverId\":7}"), "7")),
                Arguments.of("{\"type\":\"leave\"}", new Command.Leave(ROOM, null)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("decoded")
    void decodes(String wire, Command expected) {
        assertThat(codec.decode(wire, ROOM, SELF)).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("nope", ErrorCode.INVALID_JSON, "Invalid JSON"),
                Arguments.of("{\"type\":\"offer\",", ErrorCode.INVALID_JSON, "Invalid JSON"),
                Arguments.of("\"offer\"", ErrorCode.INVALID_MESSAGE, "Invalid message: expected a JSON object"),
                Arguments.of("{\"data\":1}", ErrorCode.MISSING_FIELD, "Missing field: type"),
                Arguments.of("{\"type\":{}}", ErrorCode.INVALID_FIELD, "Invalid field: type must be a string"),
                Arguments.of("{\"type\":\"dance\"}", ErrorCode.UNKNOWN_TYPE, "Unknown type: dance"),
                Arguments.of("{\"type\":\"join\",\"id\":true}", ErrorCode.INVALID_FIELD,
                        "Invalid field: id must be a string or an integer"),
                Arguments.of("{\"type\":\"join\",\"id\":1.5}", ErrorCode.INVALID_FIELD,
                        "Invalid field: id must be a string or an integer"),
                Arguments.of("{\"type\":\"join\",\"id\":\"\"}", ErrorCode.INVALID_FIELD,
                        "Invalid field: id must not be empty"),
                Arguments.of("{\"type\":\"join\",\"id\":\"" + "i".repeat(63) + "\"}", ErrorCode.INVALID_FIELD,
                        "Invalid field: id is longer than 64 characters"),
                Arguments.of("{\"type\":\"join\",\"nick\":5}", ErrorCode.INVALID_FIELD,
                        "Invalid field: nick must be a string"),
                Arguments.of("{\"type\":\"join\",\"payload\":{\"nick\":[]}}", ErrorCode.INVALID_FIELD,
                        "Invalid field: payload.nick must be a string"),
                Arguments.of("{\"type\":\"answer\",\"data\":{}}", ErrorCode.MISSING_FIELD, "Missing field: receiverId"),
                Arguments.of("{\"type\":\"answer\",\"receiverId\":[\"u1\"]}", ErrorCode.INVALID_FIELD,
                        "Invalid field: receiverId must be a string or an integer"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void refuses(String wire, ErrorCode code, String message) {
        assertThatThrownBy(() -> codec.decode(wire, ROOM, SELF)).isInstanceOfSatisfying(SignalingException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    static Stream<Arguments> encoded() {
        RoomName room = new RoomName(ROOM);
        PeerInfo ada = new PeerInfo(new PeerId("p1"), "Ada", "\"u1\"");
        PeerInfo anonymous = new PeerInfo(new PeerId("p2"), null, "42");
        return Stream.of(
                Arguments.of(new Event.Relayed(RelayKind.OFFER, room, ada,
                        new Payload("{\"type\":\"offer\",\"data\":{ \"sdp\" : \"v=0\" }}")),
                        "{\"type\":\"offer\",\"data\":{ \"sdp\" : \"v=0\" },\"userInfo\":{\"id\":\"u1\",\"nick\":\"Ada\"},\"senderId\":\"u1\"}"),
                Arguments.of(new Event.Relayed(RelayKind.ANSWER, room, anonymous,
                        new Payload("{\"type\":\"answer\",\"receiverId\":\"u1\"}")),
                        "{\"type\":\"answer\",\"receiverId\":\"u1\",\"userInfo\":{\"id\":42},\"senderId\":42}"),
                // A nick is escaped as JSON.stringify would: quotes, backslashes and control characters, not é.
                Arguments.of(new Event.Relayed(RelayKind.CANDIDATE, room,
                        new PeerInfo(new PeerId("p3"), "A\"d\\a\u0001é", "\"u3\""), new Payload("{\"type\":\"candidate\"}")),
                        "{\"type\":\"candidate\",\"userInfo\":{\"id\":\"u3\",\"nick\":\"A\\\"d\\\\a\\u0001é\"},\"senderId\":\"u3\"}"),
                Arguments.of(new Event.PeerLeft(room, ada),
                        "{\"type\":\"leave\",\"payload\":{\"id\":\"u1\",\"nick\":\"Ada\"},\"userInfo\":{\"id\":\"u1\",\"nick\":\"Ada\"},\"senderId\":\"u1\"}"),
                Arguments.of(new Event.Failure(ErrorCode.NAME_TAKEN, "name is taken", "u1"),
                        "{\"type\":\"error\",\"message\":\"Id already in use: u1\"}"),
                Arguments.of(new Event.Failure(ErrorCode.UNKNOWN_PEER, "no such peer", "u9"),
                        "{\"type\":\"error\",\"message\":\"No member with id u9\"}"),
                Arguments.of(new Event.Failure(ErrorCode.NOT_IN_ROOM, "not in this room", null),
                        "{\"type\":\"error\",\"message\":\"Not joined: send join first\"}"),
                Arguments.of(new Event.Failure(ErrorCode.ALREADY_JOINED, "already in this room", "u1"),
                        "{\"type\":\"error\",\"message\":\"Already joined\"}"),
                Arguments.of(new Event.Failure(ErrorCode.INVALID_NAME, "name is longer than 64 characters", "u1"),
                        "{\"type\":\"error\",\"message\":\"Invalid nick: name is longer than 64 characters\"}"),
                Arguments.of(new Event.Failure(ErrorCode.UNKNOWN_TYPE, "Unknown type: \"x\"", null),
                        "{\"type\":\"error\",\"message\":\"Unknown type: \\\"x\\\"\"}"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("encoded")
    void encodes(Event event, String wire) {
        assertThat(codec.encode(event)).isEqualTo(wire);
        TestClient.parse(wire); // and it is valid JSON
    }

    static Stream<Arguments> silent() {
        RoomName room = new RoomName(ROOM);
        PeerInfo ada = new PeerInfo(new PeerId("p1"), "Ada", "\"u1\"");
        return Stream.of(
                Arguments.of(new Event.Welcome(ada.peerId(), List.of(), new Event.Limits(1, 2, 3, 4), "token")),
                Arguments.of(new Event.Joined(room, ada.peerId(), List.of(), "u1")),
                Arguments.of(new Event.PeerJoined(room, ada)),
                Arguments.of(new Event.Left(room, null)),
                Arguments.of(new Event.Pong(null)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("silent")
    void saysNothingWhereTheSeedSaidNothing(Event event) {
        assertThat(codec.encode(event)).isNull();
    }
}
