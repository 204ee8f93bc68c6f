package dev.signaling.bench;

import java.net.URI;
import java.util.function.IntFunction;

/**
 * Seed 000's Socket.IO rooms over the Engine.IO 4 WebSocket transport, spoken on the wire without a client
 * library: {@code 0{..}} open, {@code 40} namespace connect, {@code 42["joinRoom",{username,room}]}, ready when the
 * room announces us in a {@code newUser}. Relays go to everyone else in the socket's one room, as the seed does;
 * {@code 2} pings are answered with {@code 3}.
 *
 * <p>Seed 000 has no join confirmation: the seed itself announces a newcomer only to the others
 * ({@code socket.broadcast}, which our server follows), while the Node anchor announces it to the whole room.
 * So a client is ready when <em>any</em> client of the fleet sees it in a {@code newUser} roster, which works for
 * both, as long as nobody is alone in a room (scenarios put Socket.IO clients in rooms of two or more).
 */
final class SocketIoDialect implements Dialect {

    private final String namePrefix;
    private final IntFunction<Client> clientByIndex;

    SocketIoDialect(String namePrefix, IntFunction<Client> clientByIndex) {
        this.namePrefix = "\"" + namePrefix;
        this.clientByIndex = clientByIndex;
    }

    @Override
    public URI connectUri(URI base) {
        String path = base.getPath().isEmpty() || base.getPath().equals("/") ? "/socket.io/" : base.getPath();
        return URI.create(base.getScheme() + "://" + base.getAuthority() + path + "?EIO=4&transport=websocket");
    }

    @Override
    public void opened(Client client) {
        // Engine.IO speaks first (the open packet).
    }

    @Override
    public void control(Client client, String frame) {
        if (frame.equals("2")) {
            client.send("3");
        } else if (frame.startsWith("0{")) {
            client.send("40");
        } else if (frame.startsWith("40")) {
            client.address(client.name());
            if (client.rooms().size() != 1) {
                client.fail("setup", "a seed 000 socket is in exactly one room");
                return;
            }
            client.send("42[\"joinRoom\",{\"username\":\"" + client.name() + "\",\"room\":\""
                    + client.rooms().get(0) + "\"}]");
        } else if (frame.startsWith("42[\"newUser\"")) {
            markNamedReady(frame);
            if (!frame.startsWith("42[\"newUser\",{\"username\":\"" + client.name() + "\"")) {
                client.presence(+1, frame); // someone else arrived (the anchor also tells a newcomer about itself)
            }
        } else if (frame.startsWith("42[\"userLeave\"")) {
            client.presence(-1, frame);
        } else if (frame.startsWith("44") || frame.startsWith("1")) {
            client.fail("server-error", frame);
        }
    }

    /** Every fleet client named in a roster is in its room. */
    private void markNamedReady(String frame) {
        for (int at = frame.indexOf(namePrefix); at >= 0; at = frame.indexOf(namePrefix, at + 1)) {
            int i = at + namePrefix.length();
            int index = 0;
            while (i < frame.length() && Character.isDigit(frame.charAt(i))) {
                index = index * 10 + (frame.charAt(i++) - '0');
            }
            if (i < frame.length() && frame.charAt(i) == '"') {
                Client named = clientByIndex.apply(index);
                if (named != null) {
                    named.ready();
                }
            }
        }
    }

    @Override
    public Kind relayed(String frame) {
        if (frame.startsWith("42[\"offer\"")) {
            return Kind.OFFER;
        }
        if (frame.startsWith("42[\"answer\"")) {
            return Kind.ANSWER;
        }
        return null;
    }

    @Override
    public void relay(StringBuilder out, Kind kind, Client from, Client to, String room, String body) {
        // The seed relays to the socket's room; "to" is implied by pairs being alone in their room.
        out.append("42[\"").append(kind == Kind.OFFER ? "offer" : "answer").append("\",").append(body).append(']');
    }
}
