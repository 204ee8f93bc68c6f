package dev.signaling.dialect.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
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

/** Wire text ⇄ commands and events, as tables. */
class SignalCodecTest {
    final SignalCodec codec = new SignalCodec(128);

    static Stream<Arguments> decoded() {
        PeerId bob = new PeerId("bob");
        return Stream.of(
                Arguments.of("{\"type\":\"join\",\"room\":\"r\"}", new Command.Join("r", null, null)),
                Arguments.of("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Al\",\"id\":\"x\"}",
                        new Command.Join("r", "Al", "\"x\"")),
                Arguments.of("{\"type\":\"join\",\"room\":\"r\",\"name\":null,\"id\":12}",
                        new Command.Join("r", null, "12")),
                Arguments.of("{\"type\":\"leave\",\"room\":\"r\",\"id\":null}", new Command.Leave("r", null)),
                Arguments.of("{\"type\":\"ping\"}", new Command.Ping(null)),
                Arguments.of("{\"type\":\"resume\",\"peerId\":\"p1\",\"resumeToken\":\"t\",\"id\":4}",
                        new Command.Resume(new PeerId("p1"), "t", null, "4")),
                Arguments.of("{\"type\":\"resume\",\"peerId\":\"p1\",\"resumeToken\":\"t\",\"lastSeq\":17}",
                        new Command.Resume(new PeerId("p1"), "t", 17L, null)),
                Arguments.of(" { \"type\" : \"offer\" , \"room\":\"r\", \"data\" : { \"sdp\" : \"v=0\\r\\n\" } , \"to\":\"bob\" } ",
                        new Command.Relay(RelayKind.OFFER, "r", new Recipient.Peer(bob), new Payload("{ \"sdp\" : \"v=0\\r\\n\" }"), null)),
                Arguments.of("{\"data\":[1, 2.50,\"\\u00e9\"],\"type\":\"answer\",\"room\":\"r\"}",
                        new Command.Relay(RelayKind.ANSWER, "r", Recipient.EVERYONE, new Payload("[1, 2.50,\"\\u00e9\"]"), null)),
                Arguments.of("{\"type\":\"candidate\",\"room\":\"r\",\"to\":null,\"data\":null}",
                        new Command.Relay(RelayKind.CANDIDATE, "r", Recipient.EVERYONE, new Payload("null"), null)),
                Arguments.of("{\"type\":\"message\",\"room\":\"r\",\"data\":\"hi\",\"extra\":{\"ignored\":[1]}}",
                        new Command.Relay(RelayKind.MESSAGE, "r", Recipient.EVERYONE, new Payload("\"hi\""), null)),
                Arguments.of("{\"type\":\"message\",\"room\":\"r\",\"data\":-1.5e3\n}",
                        new Command.Relay(RelayKind.MESSAGE, "r", Recipient.EVERYONE, new Payload("-1.5e3"), null)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("decoded")
    void decodes(String wire, Command expected) {
        assertThat(codec.decode(wire)).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("", ErrorCode.INVALID_JSON, null),
                Arguments.of("{", ErrorCode.INVALID_JSON, null),
                Arguments.of("{\"type\":\"ping\"}]", ErrorCode.INVALID_JSON, null),
                Arguments.of("[1]", ErrorCode.INVALID_MESSAGE, null),
                Arguments.of("true", ErrorCode.INVALID_MESSAGE, null),
                Arguments.of("{\"id\":\"a\"}", ErrorCode.MISSING_FIELD, "\"a\""),
                Arguments.of("{\"type\":[],\"id\":3}", ErrorCode.INVALID_FIELD, "3"),
                Arguments.of("{\"type\":\"nope\",\"id\":3}", ErrorCode.UNKNOWN_TYPE, "3"),
                Arguments.of("{\"type\":\"bye\",\"room\":\"r\",\"data\":1}", ErrorCode.UNKNOWN_TYPE, null),
                Arguments.of("{\"type\":\"join\",\"room\":true}", ErrorCode.INVALID_FIELD, null),
                Arguments.of("{\"type\":\"join\",\"room\":\"~login\",\"id\":1}", ErrorCode.INVALID_ROOM, "1"),
                Arguments.of("{\"type\":\"offer\",\"room\":\"~mesh/default\",\"data\":1}", ErrorCode.INVALID_ROOM, null),
                Arguments.of("{\"type\":\"offer\",\"room\":\"r\",\"id\":\"q\"}", ErrorCode.MISSING_FIELD, "\"q\""),
                Arguments.of("{\"type\":\"ping\",\"id\":1.5}", ErrorCode.INVALID_FIELD, null),
                Arguments.of("{\"type\":\"resume\",\"peerId\":\"p1\"}", ErrorCode.MISSING_FIELD, null),
                Arguments.of("{\"type\":\"resume\",\"peerId\":7,\"resumeToken\":\"t\"}", ErrorCode.INVALID_FIELD, null),
                Arguments.of("{\"type\":\"resume\",\"peerId\":\"p\",\"resumeToken\":\"t\",\"lastSeq\":-1}", ErrorCode.INVALID_FIELD, null),
                Arguments.of("{\"type\":\"ping\",\"id\":\"" + "x".repeat(127) + "\"}", ErrorCode.INVALID_FIELD, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void refuses(String wire, ErrorCode code, String ref) {
        assertThatThrownBy(() -> codec.decode(wire))
                .isInstanceOfSatisfying(SignalingException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.ref()).isEqualTo(ref);
                });
    }

    /** docs/protocol-signal.md: invalid-json also covers an empty frame and trailing data; each says which. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "'' | empty frame", "'  ' | empty frame", "{\"type\":\"ping\"} {} | trailing data after the JSON value",
            "{\"type\":\"ping\"}x | trailing data after the JSON value", "{\"type\": | invalid JSON",
            "[1] | a message must be a JSON object", "{\"type\":\"ping\",\"id\":[1]} | field 'id' must be a string or an integer" })
    void saysWhatIsWrongWithAFrame(String wire, String message) {
        assertThatThrownBy(() -> codec.decode(wire)).isInstanceOf(SignalingException.class).hasMessage(message);
    }

    static Stream<Arguments> encoded() {
        RoomName r = new RoomName("r");
        PeerId a = new PeerId("a");
        return Stream.of(
                Arguments.of(new Event.Joined(r, a, List.of(new PeerInfo(new PeerId("b"), "Bob"),
                        new PeerInfo(new PeerId("c"), null)), "\"x\""),
                        "{\"type\":\"joined\",\"room\":\"r\",\"peerId\":\"a\",\"peers\":[{\"peerId\":\"b\",\"name\":\"Bob\"},{\"peerId\":\"c\",\"name\":null}],\"ref\":\"x\"}"),
                Arguments.of(new Event.PeerJoined(r, new PeerInfo(a, "A\"l")),
                        "{\"type\":\"peer-joined\",\"room\":\"r\",\"peer\":{\"peerId\":\"a\",\"name\":\"A\\\"l\"}}"),
                Arguments.of(new Event.Left(r, null), "{\"type\":\"left\",\"room\":\"r\"}"),
                Arguments.of(new Event.PeerLeft(r, new PeerInfo(a, "A")), "{\"type\":\"peer-left\",\"room\":\"r\",\"peerId\":\"a\"}"),
                Arguments.of(new Event.Relayed(RelayKind.CANDIDATE, r, new PeerInfo(a, "A"), new Payload("{ \"c\" : 1 }")),
                        "{\"type\":\"candidate\",\"room\":\"r\",\"from\":\"a\",\"data\":{ \"c\" : 1 }}"),
                // Numbered for resume, with a long room, a long id and the largest number: the whole frame, intact.
                Arguments.of(new Event.Sequenced(Long.MAX_VALUE, new Event.Relayed(RelayKind.CANDIDATE,
                        new RoomName("r".repeat(100)), new PeerInfo(new PeerId("p".repeat(40)), null), new Payload("{}"))),
                        "{\"type\":\"candidate\",\"room\":\"" + "r".repeat(100) + "\",\"from\":\"" + "p".repeat(40)
                                + "\",\"data\":{},\"seq\":9223372036854775807}"),
                Arguments.of(new Event.Pong("7"), "{\"type\":\"pong\",\"ref\":7}"),
                Arguments.of(new Event.Failure(ErrorCode.ROOM_FULL, "full", null),
                        "{\"type\":\"error\",\"code\":\"room-full\",\"message\":\"full\"}"),
                Arguments.of(new Event.Welcome(a, List.of(new Event.IceServer(List.of("turn:t:3478"), "u", "p"),
                        new Event.IceServer(List.of("stun:s"), null, null)), new Event.Limits(1, 2, 3, 4), "tok"),
                        "{\"type\":\"welcome\",\"peerId\":\"a\",\"iceServers\":[{\"urls\":[\"turn:t:3478\"],\"username\":\"u\",\"credential\":\"p\"},{\"urls\":[\"stun:s\"]}],"
                                + "\"resumeToken\":\"tok\",\"limits\":{\"maxFrameBytes\":1,\"maxPeersPerRoom\":2,\"maxRoomNameLength\":3,\"maxNameLength\":4}}"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("encoded")
    void encodes(Event event, String wire) {
        assertThat(codec.encode(event)).isEqualTo(wire);
        TestClient.parse(codec.encode(event)); // and it is valid JSON
    }

    @Test
    void relayedDataSurvivesARoundTripByteForByte() {
        String data = "{\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\",\"x\":1.000000000000000000001,\"e\":\"\\ud83d\\ude00\"}";
        Command.Relay relay = (Command.Relay) codec.decode(
                "{\"type\":\"offer\",\"room\":\"r\",\"data\":" + data + "}");
        String out = codec.encode(new Event.Relayed(relay.kind(), new RoomName("r"), new PeerInfo(new PeerId("a"), null), relay.data()));
        assertThat(out).endsWith("\"data\":" + data + "}");
    }
}
