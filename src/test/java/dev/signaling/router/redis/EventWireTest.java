package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomName;

/** The events that cross instances, as the wire text {@link EventWire} (and the Lua script) use. */
class EventWireTest {
    private static final RoomName ROOM = new RoomName("r \"1\"");
    private static final PeerInfo AL = new PeerInfo(new PeerId("p1"), "Al", "alice");
    private static final PeerInfo BO = new PeerInfo(new PeerId("p2"), null);

    static Stream<Object[]> table() {
        return Stream.of(
                new Object[] { new Event.Joined(ROOM, new PeerId("p2"), List.of(AL), "7"),
                        "{\"t\":\"joined\",\"room\":\"r \\\"1\\\"\",\"peer\":\"p2\",\"ref\":\"7\",\"peers\":[{\"id\":\"p1\",\"name\":\"Al\",\"handle\":\"alice\"}]}" },
                new Object[] { new Event.Joined(ROOM, new PeerId("p2"), List.of(), null),
                        "{\"t\":\"joined\",\"room\":\"r \\\"1\\\"\",\"peer\":\"p2\",\"ref\":null,\"peers\":[]}" },
                new Object[] { new Event.PeerJoined(ROOM, BO),
                        "{\"t\":\"peer-joined\",\"room\":\"r \\\"1\\\"\",\"peer\":{\"id\":\"p2\"}}" },
                new Object[] { new Event.PeerLeft(ROOM, AL),
                        "{\"t\":\"peer-left\",\"room\":\"r \\\"1\\\"\",\"peer\":{\"id\":\"p1\",\"name\":\"Al\",\"handle\":\"alice\"}}" },
                new Object[] { new Event.Relayed(RelayKind.OFFER, ROOM, AL, new Payload("{\"sdp\":\"v=0\\r\\n\"}")),
                        "{\"t\":\"relayed\",\"kind\":\"offer\",\"room\":\"r \\\"1\\\"\",\"from\":{\"id\":\"p1\",\"name\":\"Al\",\"handle\":\"alice\"},\"data\":\"{\\\"sdp\\\":\\\"v=0\\\\r\\\\n\\\"}\"}" });
    }

    @ParameterizedTest
    @MethodSource("table")
    void eventsRoundTripThroughTheirWireText(Event event, String wire) {
        assertThat(EventWire.encode(event)).isEqualTo(wire);
        assertThat(EventWire.decodeEvent(wire)).isEqualTo(event);
    }

    @Test
    void busMessagesCarryRecipientsOrAcknowledgements() {
        assertThat(EventWire.decodeBus("{\"k\":\"ev\",\"to\":[\"p1\",\"p2\"],\"ev\":" + EventWire.encode(
                new Event.PeerJoined(ROOM, BO)) + "}"))
                .isEqualTo(new EventWire.Delivery(List.of(new PeerId("p1"), new PeerId("p2")),
                        new Event.PeerJoined(ROOM, BO), EventWire.Kind.EVENT));
        Event.Joined joined = new Event.Joined(ROOM, new PeerId("p2"), List.of(AL), "7");
        assertThat(EventWire.decodeBus("{\"k\":\"ev\",\"to\":[\"p2\"],\"op\":12,\"ev\":"
                + EventWire.encode(joined) + "}"))
                .isEqualTo(new EventWire.Delivery(List.of(new PeerId("p2")), joined, EventWire.Kind.EVENT, 12));
        assertThat(EventWire.decodeBus("{\"k\":\"ack\",\"op\":12,\"r\":\"JOINED\",\"lost\":3}"))
                .isEqualTo(new EventWire.Ack(12, "JOINED", 3));
        assertThat(EventWire.decodeBus("{\"k\":\"view\",\"to\":[\"p2\"],\"ev\":" + EventWire.encode(
                new Event.Joined(ROOM, new PeerId("p2"), List.of(AL, BO), null)) + "}"))
                .isEqualTo(new EventWire.Delivery(List.of(new PeerId("p2")),
                        new Event.Joined(ROOM, new PeerId("p2"), List.of(AL, BO), null), EventWire.Kind.VIEW));
    }

    @Test
    void aRelayedMessageAsLuaWritesItKeepsThePayloadTextExactly() {
        // cjson escapes '/' as "\/" and passes other characters through, as the scripts write the payload
        String lua = "{\"k\":\"ev\",\"to\":[\"p2\"],\"ev\":{\"t\":\"relayed\",\"kind\":\"message\","
                + "\"room\":\"r\",\"from\":{\"id\":\"p1\"},\"data\":\"{\\\"u\\\":\\\"a\\/b \u00e9 \\\\u2028\\\"}\"}}";
        assertThat(EventWire.decodeBus(lua)).isEqualTo(new EventWire.Delivery(List.of(new PeerId("p2")),
                new Event.Relayed(RelayKind.MESSAGE, new RoomName("r"), new PeerInfo(new PeerId("p1"), null),
                        new Payload("{\"u\":\"a/b \u00e9 \\u2028\"}")),
                EventWire.Kind.EVENT));
    }

    static Stream<String> notBusMessages() {
        String relayed = "{\"t\":\"relayed\",\"kind\":\"offer\",\"room\":\"r\",\"from\":{\"id\":\"p1\"},"
                + "\"data\":\"secret-sdp\"}";
        return Stream.of(
                "",
                "[]",
                delivery(relayed).replaceFirst("}$", ""), // cut short
                "{\"k\":\"ev\",\"to\":[\"p2\"]}", // no event
                "{\"k\":\"what\",\"to\":[\"p2\"],\"ev\":" + relayed + "}",
                "{\"to\":[\"p2\"],\"ev\":" + relayed + "}",
                "{\"k\":\"ev\",\"to\":\"p2\",\"ev\":" + relayed + "}",
                "{\"k\":\"ev\",\"to\":[2],\"ev\":" + relayed + "}",
                delivery("\"secret-sdp\""),
                delivery(relayed.replace("\"kind\":\"offer\"", "\"kind\":\"nope\"")),
                delivery(relayed.replace("\"from\":{\"id\":\"p1\"},", "")),
                delivery(relayed.replace("{\"id\":\"p1\"}", "{\"name\":\"x\"}")),
                delivery(relayed.replace("\"secret-sdp\"", "{\"secret\":1}")),
                delivery(relayed.replace("\"t\":\"relayed\",", "")),
                delivery("{\"t\":\"joined\",\"room\":\"r\",\"peers\":[]}"),
                delivery("{\"t\":\"joined\",\"room\":\"r\",\"peer\":\"p2\",\"peers\":{}}"),
                "{\"k\":\"ack\",\"op\":\"12\",\"r\":\"JOINED\",\"lost\":0}",
                "{\"k\":\"ack\",\"op\":12,\"r\":\"JOINED\",\"lost\":0.5}",
                "{\"k\":\"ack\",\"op\":99999999999999999999,\"r\":\"JOINED\",\"lost\":0}");
    }

    /** A delivery of {@code event} to p2. */
    private static String delivery(String event) {
        return "{\"k\":\"ev\",\"to\":[\"p2\"],\"ev\":" + event + "}";
    }

    @ParameterizedTest
    @MethodSource("notBusMessages")
    void anythingElseIsRefusedWithoutRepeatingThePayloadInTheError(String text) {
        assertThatThrownBy(() -> EventWire.decodeBus(text)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("secret");
    }
}
