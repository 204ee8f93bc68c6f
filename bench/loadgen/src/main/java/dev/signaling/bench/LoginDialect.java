package dev.signaling.bench;

/**
 * The tutorials' "login" protocol (seeds 002/004, {@code /compat/login} here, the Node {@code ws} anchor):
 * ready after {@code {"type":"login","success":true}}; relays are directed by login name. It has no rooms, so it
 * cannot broadcast.
 */
final class LoginDialect implements Dialect {

    @Override
    public boolean broadcasts() {
        return false;
    }

    @Override
    public void opened(Client client) {
        client.address(client.name());
        client.send("{\"type\":\"login\",\"name\":\"" + client.name() + "\"}");
    }

    @Override
    public void control(Client client, String frame) {
        if (frame.startsWith("{\"type\":\"login\"")) {
            if (frame.contains("\"success\":true")) {
                client.ready();
            } else {
                client.fail("login-refused", frame);
            }
        } else if (frame.startsWith("{\"type\":\"error\"")) {
            client.fail("server-error", frame);
        }
    }

    @Override
    public Kind relayed(String frame) {
        return Dialect.typeFirst(frame);
    }

    @Override
    public void relay(StringBuilder out, Kind kind, Client from, Client to, String room, String body) {
        if (to == null) {
            throw new IllegalArgumentException("the login protocol has no rooms to broadcast to");
        }
        String type = kind == Kind.OFFER ? "offer" : "answer";
        out.append("{\"type\":\"").append(type).append("\",\"name\":\"").append(to.address())
                .append("\",\"").append(type).append("\":").append(body).append('}');
    }
}
