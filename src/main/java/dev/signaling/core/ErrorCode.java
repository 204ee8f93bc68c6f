package dev.signaling.core;

/** Every error a client can receive, with its stable wire code. Codes never change once published. */
public enum ErrorCode {
    INVALID_JSON("invalid-json"),
    INVALID_MESSAGE("invalid-message"),
    UNKNOWN_TYPE("unknown-type"),
    MISSING_FIELD("missing-field"),
    INVALID_FIELD("invalid-field"),
    INVALID_ROOM("invalid-room"),
    INVALID_NAME("invalid-name"),
    FRAME_TOO_LARGE("frame-too-large"),
    BINARY_NOT_SUPPORTED("binary-not-supported"),
    ROOM_FULL("room-full"),
    TOO_MANY_ROOMS("too-many-rooms"),
    ALREADY_JOINED("already-joined"),
    NAME_TAKEN("name-taken"),
    NOT_IN_ROOM("not-in-room"),
    UNKNOWN_PEER("unknown-peer"),
    RATE_LIMITED("rate-limited"),
    RESUME_FAILED("resume-failed"),
    /** The connection's access token does not grant the room. */
    FORBIDDEN("forbidden"),
    UNAVAILABLE("unavailable"),
    INTERNAL("internal-error");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
