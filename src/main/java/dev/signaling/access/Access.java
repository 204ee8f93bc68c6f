package dev.signaling.access;

import dev.signaling.core.Grant;

/** The outcome of an access check: a grant, or the failure the client is refused with. */
public record Access(Grant grant, AccessFailure failure) {

    public static Access granted(Grant grant) {
        return new Access(grant, null);
    }

    public static Access refused(AccessFailure failure) {
        return new Access(null, failure);
    }

    public boolean isGranted() {
        return grant != null;
    }

    /** 200 when granted, else the failure's status. */
    public int status() {
        return isGranted() ? 200 : failure.status();
    }
}
