package dev.signaling.core;

import java.util.List;

/**
 * What the core tells a peer. Plain data only (ids, names, strings, lists), so an event can be serialized and
 * cross a network to the instance that holds the recipient's socket.
 */
public sealed interface Event {

    /**
     * First event of every connection: who you are and what the server offers. {@code resumeToken} is set for
     * dialects that can resume a session (see {@link Resumptions}).
     */
    record Welcome(PeerId peerId, List<IceServer> iceServers, Limits limits, String resumeToken) implements Event {
    }

    /**
     * This socket took over peer {@code peerId}: the events its client missed follow (with their original numbers);
     * {@code lost} more were missed but no longer kept.
     */
    record Resumed(PeerId peerId, int lost, String ref) implements Event {
    }

    /** {@code event}, numbered for a resumable peer so its client can say where to resume from. */
    record Sequenced(long seq, Event event) implements Event {
    }

    /** You are in {@code room}; {@code peers} were there before you. */
    record Joined(RoomName room, PeerId peerId, List<PeerInfo> peers, String ref) implements Event {
    }

    /** Someone entered a room you are in. */
    record PeerJoined(RoomName room, PeerInfo peer) implements Event {
    }

    /** You left {@code room}. */
    record Left(RoomName room, String ref) implements Event {
    }

    /** Someone left a room you are in (on request or because its connection ended). */
    record PeerLeft(RoomName room, PeerInfo peer) implements Event {
    }

    /** A message another peer sent you; {@code from} is stamped by the server from the sender's membership. */
    record Relayed(RelayKind kind, RoomName room, PeerInfo from, Payload data) implements Event {
    }

    /** This instance is shutting down: reconnect (to another instance) after {@code reconnectInMs}. */
    record Draining(long reconnectInMs) implements Event {
    }

    /** Answer to a ping. */
    record Pong(String ref) implements Event {
    }

    /** Your request was refused. */
    record Failure(ErrorCode code, String message, String ref) implements Event {
    }

    /** An ICE server in RTCIceServer shape; username and credential may be null. */
    record IceServer(List<String> urls, String username, String credential) {
    }

    /** The limits this server enforces, so clients can stay inside them. */
    record Limits(int maxFrameBytes, int maxPeersPerRoom, int maxRoomNameLength, int maxNameLength) {
    }
}
