package dev.signaling.dialect.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineIoCodecTest {

    /** Payload tables: protocol | packets joined by '|' | wire text (\u001e written as ~). */
    @ParameterizedTest(name = "EIO{0}: {1} ⇄ {2}")
    @CsvSource(delimiter = ';', value = {
            "4; 4hello; 4hello",
            "4; 4test1|4test2|4test3; 4test1~4test2~4test3",
            "4; 2|40{\"sid\":\"x\"}; 2~40{\"sid\":\"x\"}",
            "3; 4hello; 6:4hello",
            "3; 2|40; 1:22:40",
            "3; 42[\"m\",\"é✓\"]; 12:42[\"m\",\"é✓\"]",
            "3; 42[\"😀\"]; 8:42[\"😀\"]" })
    void payloadsRoundTrip(int protocol, String packets, String wire) {
        List<String> list = Arrays.asList(packets.split("\\|"));
        String text = wire.replace('~', EngineIoCodec.RECORD_SEPARATOR);
        assertThat(EngineIoCodec.encodePayload(protocol, list)).isEqualTo(text);
        assertThat(EngineIoCodec.decodePayload(protocol, text)).isEqualTo(list);
    }

    @ParameterizedTest(name = "EIO{0}: \"{1}\" is malformed")
    @CsvSource(delimiter = ';', value = {
            "4; abc", "4; ''", "4; 4hello~~4x", "4; 9", "3; 4hello", "3; x:4", "3; 9:4hello", "3; 0:", "3; 2:4",
            "3; 2:9x", "3; 12345678901:4" })
    void malformedPayloadsAreRefused(int protocol, String wire) {
        String text = wire.replace('~', EngineIoCodec.RECORD_SEPARATOR);
        assertThatThrownBy(() -> EngineIoCodec.decodePayload(protocol, text))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "open packet EIO{0}, upgrades {1}")
    @CsvSource(delimiter = ';', value = {
            "4; true; 0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}",
            "4; false; 0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}",
            "3; true; 0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000}" })
    void openPacket(int protocol, boolean upgrades, String expected) {
        assertThat(EngineIoCodec.openPacket(protocol, "abc", upgrades, 25000, 20000, 1_000_000)).isEqualTo(expected);
    }
}
