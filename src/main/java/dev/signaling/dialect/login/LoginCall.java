package dev.signaling.dialect.login;

import java.util.concurrent.atomic.AtomicReference;

import dev.signaling.core.Event;
import dev.signaling.core.RelayKind;

/**
 * Whom one login connection is in a call with: the user it last sent an offer or answer to (the seed's
 * {@code otherName}), who gets a {@code leave} when the connection closes. Changed by the connection's own frames
 * and by a hang-up from the partner, which arrives on the partner's thread; hence atomic, and a plain object that
 * the connection's outbox can hold without a CDI context.
 */
public final class LoginCall {
    private final AtomicReference<String> partner = new AtomicReference<>();

    /** The connection's offer or answer reached {@code name}. */
    public void talkingTo(String name) {
        partner.set(name);
    }

    /**
     * The connection hung up on {@code name}. The seed keeps the partner even then, so closing later sends a second
     * {@code leave} that could end the partner's next call; we forget it.
     */
    public void hungUpOn(String name) {
        forget(name);
    }

    /** Watches what is sent to this connection: a {@code leave} from the partner ends the call, as in the seed. */
    public void observe(Event event) {
        if (event instanceof Event.Relayed relayed && relayed.kind() == RelayKind.BYE
                && relayed.from().handle() != null) {
            // Only the current partner's hang-up ends the call; a stale one must not drop a newer call.
            forget(relayed.from().handle());
        }
    }

    /** The connection closes: returns the partner to tell, if any, and forgets it. */
    public String end() {
        return partner.getAndSet(null);
    }

    /** Forgets the partner if it is {@code name} (by value: names arrive as distinct strings). */
    private void forget(String name) {
        partner.updateAndGet(current -> name.equals(current) ? null : current);
    }

    /** The current partner, or null. */
    public String partner() {
        return partner.get();
    }
}
