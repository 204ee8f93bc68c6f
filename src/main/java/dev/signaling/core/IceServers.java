package dev.signaling.core;

import java.util.List;

/** The ICE servers a peer is told in its welcome: configured ones, plus TURN credentials made for that peer. */
public interface IceServers {
    List<Event.IceServer> forPeer(PeerId peer);
}
