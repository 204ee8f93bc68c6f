package dev.signaling.core;

/**
 * A request the server refuses, with the code and text the client receives. Thrown by codecs and validation,
 * turned into an {@link Event.Failure} for the sender only.
 */
public class SignalingException extends RuntimeException {
    private final ErrorCode code;
    private final String ref;

    public SignalingException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public SignalingException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    /** The request id this refusal answers (opaque, as the codec stored it), or null. */
    public String ref() {
        return ref;
    }

    public SignalingException withRef(String ref) {
        return ref == null || this.ref != null ? this : new SignalingException(code, getMessage(), ref);
    }
}
