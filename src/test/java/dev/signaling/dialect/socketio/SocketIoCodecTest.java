package dev.signaling.dialect.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SocketIoCodecTest {

    /** wire | type | namespace | ack id (or empty) | event name (or empty) | args joined by ' ; ' */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0                                      | 0 | /       |     |                |",
            "0{\"token\":\"1\"}                     | 0 | /       |     |                |",
            "0/custom,                              | 0 | /custom |     |                |",
            "0/custom                               | 0 | /custom |     |                |",
            "1                                      | 1 | /       |     |                |",
            "2[\"joinRoom\",{\"room\":\"a\"}]       | 2 | /       |     | joinRoom       | {\"room\":\"a\"}",
            "2[\"create or join\",\"foo\"]          | 2 | /       |     | create or join | \"foo\"",
            "212[\"m\", 1 , \"2\",{\"3\":[true]} ]  | 2 | /       | 12  | m              | 1 ; \"2\" ; {\"3\":[true]}",
            "2/x,7[\"m\",null]                      | 2 | /x      | 7   | m              | null",
            "2[\"ipaddr\"]                          | 2 | /       |     | ipaddr         |",
            "2[\"m\",\"a,b\\\"]\",[1,[2]]]          | 2 | /       |     | m              | \"a,b\\\"]\" ; [1,[2]]",
            "3456[1,\"2\"]                          | 3 | /       | 456 |                | 1 ; \"2\"",
            "51-[\"m\",{\"_placeholder\":true}]     | 5 | /       |     | m              | {\"_placeholder\":true}" })
    void decodes(String wire, int type, String namespace, Long ackId, String name, String args) {
        SocketIoPacket packet = SocketIoCodec.decode(wire);
        assertThat(packet.type()).isEqualTo(type);
        assertThat(packet.namespace()).isEqualTo(namespace);
        assertThat(packet.ackId()).isEqualTo(ackId);
        assertThat(packet.name()).isEqualTo(name);
        assertThat(packet.args()).isEqualTo(args == null ? List.of() : Arrays.asList(args.split(" ; ")));
    }

    @ParameterizedTest(name = "\"{0}\" is malformed")
    @ValueSource(strings = { "", "abc", "7", "9[]", "4abc", "2{}", "2abc[\"m\"]", "2[]", "2[1]", "2[\"m\"", "2[\"m\"]x",
            "0[]", "0abc", "1{}", "3[1]", "5[\"m\"]", "5x-[\"m\"]", "21234567890123456[\"m\"]", "44{\"message\":\"x\"}" })
    void refusesWhatTheReferenceParserRefuses(String wire) {
        assertThatThrownBy(() -> SocketIoCodec.decode(wire)).isInstanceOf(SocketIoCodec.MalformedPacketException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "connect v5 main     | 0{\"sid\":\"id1\"}",
            "connect v5 custom   | 0/custom,{\"sid\":\"id1\"}",
            "connect v4 main     | 0",
            "connect v4 custom   | 0/custom,",
            "error v5            | 4/random,{\"message\":\"Invalid namespace\"}",
            "error v4            | 4/random,\"Invalid namespace\"",
            "event               | 2[\"created\",\"r\\\"1\",\"id1\"]",
            "event no args       | 2[\"ready\"]",
            "ack                 | 3/x,42[]",
            "disconnect          | 1/x," })
    void encodes(String what, String expected) {
        String actual = switch (what.trim()) {
            case "connect v5 main" -> SocketIoCodec.connect(5, "/", "id1");
            case "connect v5 custom" -> SocketIoCodec.connect(5, "/custom", "id1");
            case "connect v4 main" -> SocketIoCodec.connect(4, "/", "id1");
            case "connect v4 custom" -> SocketIoCodec.connect(4, "/custom", "id1");
            case "error v5" -> SocketIoCodec.connectError(5, "/random", "Invalid namespace");
            case "error v4" -> SocketIoCodec.connectError(4, "/random", "Invalid namespace");
            case "event" -> SocketIoCodec.event("/", "created", List.of(SocketIoCodec.quote("r\"1"), "\"id1\""));
            case "event no args" -> SocketIoCodec.event("/", "ready", List.of());
            case "ack" -> SocketIoCodec.ack("/x", 42, List.of());
            default -> SocketIoCodec.disconnect("/x");
        };
        assertThat(actual).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void readsAPacketInPlaceBehindItsEngineIoTypeAndWritesOneWithIt() {
        SocketIoPacket packet = SocketIoCodec.decode("42/x,5[\"offer\",{\"sdp\":\"v=0\"}]", 1);
        assertThat(packet.namespace()).isEqualTo("/x");
        assertThat(packet.ackId()).isEqualTo(5L);
        assertThat(packet.name()).isEqualTo("offer");
        assertThat(packet.args()).containsExactly("{\"sdp\":\"v=0\"}");
        assertThatThrownBy(() -> SocketIoCodec.decode("4", 1)).isInstanceOf(SocketIoCodec.MalformedPacketException.class);
        assertThatThrownBy(() -> SocketIoCodec.decode("42[\"m\"]x", 1))
                .isInstanceOf(SocketIoCodec.MalformedPacketException.class);
        assertThat(SocketIoCodec.eventMessage("/", "offer", List.of("{\"sdp\":\"v=0\"}", "1")))
                .isEqualTo("4" + SocketIoCodec.event("/", "offer", List.of("{\"sdp\":\"v=0\"}", "1")))
                .isEqualTo("42[\"offer\",{\"sdp\":\"v=0\"},1]");
    }
}
