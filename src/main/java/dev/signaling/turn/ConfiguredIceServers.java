package dev.signaling.turn;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.signaling.config.SignalingConfig;
import dev.signaling.core.Event;
import dev.signaling.core.IceServers;
import dev.signaling.core.PeerId;

/**
 * The ICE servers of every welcome: those configured under {@code signaling.ice-servers}, then, when
 * {@code signaling.turn.secret} is set, the TURN URLs of {@code signaling.turn.urls} with a credential made for the
 * peer.
 */
@ApplicationScoped
public class ConfiguredIceServers implements IceServers {
    private final List<Event.IceServer> fixed;
    private final Optional<TurnCredentials> turn;

    ConfiguredIceServers(SignalingConfig config) {
        this.fixed = config.iceServers().orElse(List.of()).stream()
                .map(s -> new Event.IceServer(List.copyOf(s.urls()), s.username().orElse(null),
                        s.credential().orElse(null)))
                .toList();
        this.turn = turnCredentials(config.turn(), Clock.systemUTC());
    }

    /** The TURN credential issuer, if {@code signaling.turn.secret} is set. */
    static Optional<TurnCredentials> turnCredentials(SignalingConfig.Turn config, Clock clock) {
        if (config.secret().isEmpty()) {
            return Optional.empty();
        }
        List<String> urls = config.urls().orElse(List.of());
        if (urls.isEmpty()) {
            throw new IllegalStateException("signaling.turn.secret is set but signaling.turn.urls is empty");
        }
        return Optional.of(new TurnCredentials(config.secret().get(), config.ttl(), urls, clock));
    }

    @Override
    public List<Event.IceServer> forPeer(PeerId peer) {
        if (turn.isEmpty()) {
            return fixed;
        }
        TurnCredentials.Issued issued = turn.get().issue(peer.value());
        List<Event.IceServer> servers = new ArrayList<>(fixed);
        servers.add(new Event.IceServer(issued.urls(), issued.username(), issued.credential()));
        return servers;
    }

    /** The TURN credential issuer, if TURN credentials are configured. */
    public Optional<TurnCredentials> turn() {
        return turn;
    }
}
