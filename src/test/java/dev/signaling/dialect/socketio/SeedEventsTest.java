package dev.signaling.dialect.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.signaling.core.Command;
import dev.signaling.core.ErrorCode;
import dev.signaling.core.Event;
import dev.signaling.core.Payload;
import dev.signaling.core.PeerId;
import dev.signaling.core.PeerInfo;
import dev.signaling.core.Recipient;
import dev.signaling.core.RelayKind;
import dev.signaling.core.RoomName;
import dev.signaling.dialect.socketio.SeedEvents.Emit;

class SeedEventsTest {
    static final PeerId ME = new PeerId("me");
    static final PeerId OTHER = new PeerId("other");
    static final RoomName ROOM = new RoomName("r");

    SeedEvents seeds = new SeedEvents(ME.value(), () -> List.of("10.0.0.7"));

    /** event | first argument | expected command (as text) */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "joinRoom       | {\"username\":\"al\",\"room\":\"r\"} | Join[room=r, name=al, handle=null, capacity=null, kind=ROOM, ref=r:r]",
            "joinRoom       | {\"username\":\"al\"}                | Join[room=general, name=al, handle=null, capacity=null, kind=ROOM, ref=r:general]",
            "joinRoom       | 42                                   | Join[room=general, name=null, handle=null, capacity=null, kind=ROOM, ref=r:general]",
            "leaveRoom      | {\"room\":\"r\",\"username\":\"al\"} | Leave[room=r, ref=null]",
            "create or join | \"r\"                                | Join[room=r, name=null, handle=null, capacity=2, kind=ROOM, ref=c:r]",
            "bye            | \"r\"                                | Leave[room=r, ref=null]" })
    void clientEventsBecomeCommands(String event, String arg, String command) {
        List<Command> commands = seeds.onClientEvent(event, List.of(arg)).commands();
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).toString()).isEqualTo(command);
    }

    @Test
    void relaysGoToTheRoomsTheSocketIsInWithThePayloadUnchanged() {
        assertThat(seeds.onClientEvent("offer", List.of("{\"sdp\":\"x\"}")).commands()).isEmpty();
        seeds.onClientEvent("joinRoom", List.of("{\"username\":\"al\",\"room\":\"r\"}"));
        Command.Relay candidate = new Command.Relay(RelayKind.CANDIDATE, "r", Recipient.EVERYONE,
                new Payload("{\"candidate\":\"c\"}"), null);
        // Before the join is answered too (the Redis router answers after a round trip): the router runs a peer's
        // commands in the order sent, so the relay follows the join.
        assertThat(seeds.onClientEvent("icecandidate", List.of("{\"candidate\":\"c\"}")).commands())
                .containsExactly(candidate);
        seeds.onCoreEvent(new Event.Joined(ROOM, ME, List.of(), "r:r"));
        assertThat(seeds.onClientEvent("icecandidate", List.of("{\"candidate\":\"c\"}")).commands())
                .containsExactly(candidate);
        seeds.onCoreEvent(new Event.Left(ROOM, null));
        assertThat(seeds.onClientEvent("icecandidate", List.of("{\"candidate\":\"c\"}")).commands()).isEmpty();
    }

    @Test
    void aRefusedJoinTakesNoRelays() {
        seeds.onClientEvent("create or join", List.of("\"r\""));
        seeds.onCoreEvent(new Event.Failure(ErrorCode.ROOM_FULL, "room is full", "c:r"));
        assertThat(seeds.onClientEvent("message", List.of("\"hi\"")).commands()).isEmpty();
    }

    @Test
    void roomsFlowKeepsARosterFromTheEventsItReceived() {
        seeds.onClientEvent("joinRoom", List.of("{\"username\":\"al\",\"room\":\"r\"}"));
        assertThat(seeds.onCoreEvent(new Event.Joined(ROOM, ME, List.of(new PeerInfo(OTHER, "bo")), "r:r"))).isEmpty();
        PeerInfo third = new PeerInfo(new PeerId("third"), null);
        assertThat(seeds.onCoreEvent(new Event.PeerJoined(ROOM, third))).containsExactly(Emit.of("newUser",
                "{\"other\":{\"username\":\"bo\",\"id\":\"other\"},\"me\":{\"username\":\"al\",\"id\":\"me\"},"
                        + "\"third\":{\"id\":\"third\"}}"));
        assertThat(seeds.onCoreEvent(new Event.PeerLeft(ROOM, new PeerInfo(OTHER, "bo")))).containsExactly(
                Emit.of("userLeave", "{\"me\":{\"username\":\"al\",\"id\":\"me\"},\"third\":{\"id\":\"third\"}}"));
        assertThat(seeds.onCoreEvent(new Event.Relayed(RelayKind.OFFER, ROOM, third, new Payload("{\"a\":1}"))))
                .containsExactly(Emit.of("offer", "{\"a\":1}"));
    }

    @Test
    void codelabFlowAnswersCreatedJoinedReadyAndFull() {
        assertThat(seeds.onClientEvent("create or join", List.of("\"r\"")).replies()).containsExactly(
                Emit.of("log", "[\"Message from server:\",\"Received request to create or join room r\"]"));
        assertThat(seeds.onCoreEvent(new Event.Joined(ROOM, ME, List.of(new PeerInfo(OTHER, null)), "c:r")))
                .containsExactly(
                        Emit.of("log", "[\"Message from server:\",\"Room r now has 1 client(s)\"]"),
                        Emit.of("log", "[\"Message from server:\",\"Client ID me joined room r\"]"),
                        Emit.of("joined", "\"r\"", "\"me\""), Emit.of("ready"));

        SeedEvents first = new SeedEvents(OTHER.value(), List::of);
        first.onClientEvent("create or join", List.of("\"r\""));
        assertThat(first.onCoreEvent(new Event.Joined(ROOM, OTHER, List.of(), "c:r"))).contains(
                Emit.of("created", "\"r\"", "\"other\""));
        assertThat(first.onCoreEvent(new Event.PeerJoined(ROOM, new PeerInfo(ME, null)))).containsExactly(
                Emit.of("join", "\"r\""), Emit.of("ready"));

        SeedEvents third = new SeedEvents("third", List::of);
        third.onClientEvent("create or join", List.of("\"r\""));
        assertThat(third.onCoreEvent(new Event.Failure(ErrorCode.ROOM_FULL, "room is full", "c:r"))).containsExactly(
                Emit.of("log", "[\"Message from server:\",\"Room r now has 2 client(s)\"]"), Emit.of("full", "\"r\""));
    }

    @Test
    void messageIsLoggedBackAndIpaddrListsTheServerAddresses() {
        assertThat(seeds.onClientEvent("message", List.of("{\"type\":\"offer\"}")).replies()).containsExactly(
                Emit.of("log", "[\"Message from server:\",\"Client said: \",{\"type\":\"offer\"}]"));
        assertThat(seeds.onClientEvent("ipaddr", List.of()).replies()).containsExactly(
                Emit.of("ipaddr", "\"10.0.0.7\""));
        assertThat(seeds.onClientEvent("unknown", List.of())).isNull();
    }
}
