package dev.signaling.dialect.json;

/**
 * A frame that is not the JSON a reader asked for, and why. Each dialect words its own error from the reason (the
 * seed protocols have fixed texts such as {@code Invalid JSON}; {@code /signal} has its own codes), so the readers in
 * this package only say what went wrong. Thrown for every malformed frame a client sends, hence without a stack trace.
 */
public final class JsonTextException extends RuntimeException {

    public enum Reason {
        /** Nothing but whitespace. */
        EMPTY,
        /** Not JSON (RFC 8259), or nested deeper than {@link JsonScanner#MAX_DEPTH}. */
        SYNTAX,
        /** One complete JSON value, followed by more than whitespace. */
        TRAILING,
        /** Valid JSON, but not an object where one was asked for. */
        NOT_AN_OBJECT,
        /** Valid JSON, but not an array where one was asked for. */
        NOT_AN_ARRAY
    }

    private final Reason reason;

    JsonTextException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
