package dev.signaling.dialect.login;

import jakarta.enterprise.context.SessionScoped;

/**
 * The {@link LoginCall} of the current login connection. WebSockets Next gives each connection its own session
 * context, so {@link LoginEndpoint} stays a stateless singleton and keeps no map of connections.
 */
@SessionScoped
public class LoginConnection {
    private LoginCall call;

    public LoginCall call() {
        return call;
    }

    public void set(LoginCall call) {
        this.call = call;
    }
}
