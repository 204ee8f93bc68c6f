package dev.signaling.bench;

/** Reads a string field out of a server's control frame (welcome, error): enough for the handshake, not a parser. */
final class Frames {
    private Frames() {
    }

    static String stringField(String frame, String name) {
        String key = "\"" + name + "\":\"";
        int at = frame.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = frame.indexOf('"', start);
        return end < 0 ? null : frame.substring(start, end);
    }
}
