package dev.signaling.bench;

/**
 * Our own {@code /signal} protocol: {@code welcome} names the peer, one {@code join} per room, ready when every
 * {@code joined} came back; relays are {@code {"type":"offer","room":..,"to":..,"data":BODY}}.
 */
final class SignalDialect implements Dialect {

    @Override
    public boolean multiRoom() {
        return true;
    }

    @Override
    public void join(Client client) {
        client.awaitJoins(client.rooms().size());
        StringBuilder join = new StringBuilder(96);
        for (String room : client.rooms()) {
            join.setLength(0);
            join.append("{\"type\":\"join\",\"room\":\"").append(room)
                    .append("\",\"name\":\"").append(client.name()).append("\"}");
            client.send(join.toString());
        }
    }

    @Override
    public void opened(Client client) {
        // The server speaks first (welcome).
    }

    @Override
    public void control(Client client, String frame) {
        if (frame.startsWith("{\"type\":\"welcome\"")) {
            client.address(Frames.stringField(frame, "peerId"));
            if (client.rooms().isEmpty() || client.defersJoins()) {
                client.ready();
            } else {
                join(client);
            }
        } else if (frame.startsWith("{\"type\":\"joined\"")) {
            client.joinAnswered();
        } else if (frame.startsWith("{\"type\":\"peer-joined\"")) {
            client.presence(+1, frame);
        } else if (frame.startsWith("{\"type\":\"peer-left\"")) {
            client.presence(-1, frame);
        } else if (frame.startsWith("{\"type\":\"error\"")) {
            client.fail("server-error:" + Frames.stringField(frame, "code"), frame);
        }
    }

    @Override
    public Kind relayed(String frame) {
        return Dialect.typeFirst(frame);
    }

    @Override
    public void relay(StringBuilder out, Kind kind, Client from, Client to, String room, String body) {
        out.append("{\"type\":\"").append(kind == Kind.OFFER ? "offer" : "answer")
                .append("\",\"room\":\"").append(room).append('"');
        if (to != null) {
            out.append(",\"to\":\"").append(to.address()).append('"');
        }
        out.append(",\"data\":").append(body).append('}');
    }
}
