package dev.signaling.router.redis;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(EventWire.decodeBus("{\"k\":\"ack\",\"op\":12,\"r\":\"JOINED\",\"lost\":3}"))
                .isEqualTo(new EventWire.Ack(12, "JOINED", 3));
    }
}
