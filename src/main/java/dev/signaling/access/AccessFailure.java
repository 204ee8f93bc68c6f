package dev.signaling.access;

/**
 * Why a request was refused before it reached a dialect. {@link #tag()} is the {@code reason} tag of the
 * {@code signaling.auth.failures} counter, {@link #status()} the HTTP status the client gets.
 */
public enum AccessFailure {
    /** No token in the query, the subprotocols or the Authorization header. */
    MISSING("missing", 401),
    /** Not a compact JWS (three base64url parts), or longer than the configured maximum. */
    MALFORMED("malformed", 401),
    /** Signed with another key or algorithm, or not verifiable at all. */
    BAD_SIGNATURE("bad-signature", 401),
    /** Past its {@code exp} (beyond the clock skew). */
    EXPIRED("expired", 401),
    /** Before its {@code nbf} (beyond the clock skew). */
    NOT_YET_VALID("not-yet-valid", 401),
    /** Verified but unusable: wrong issuer or audience, no {@code sub}, ill-typed claims. */
    INVALID_CLAIMS("invalid-claims", 401),
    /** Valid, but grants no room at all. */
    NO_ROOMS("no-rooms", 403),
    /** The request's {@code Origin} is not on {@code signaling.allowed-origins}. */
    BAD_ORIGIN("bad-origin", 403),
    /** The client's address spent its budget of failed checks; refused before the token is looked at. */
    RATE_LIMITED("rate-limited", 429);

    private final String tag;
    private final int status;

    AccessFailure(String tag, int status) {
        this.tag = tag;
        this.status = status;
    }

    public String tag() {
        return tag;
    }

    public int status() {
        return status;
    }
}
