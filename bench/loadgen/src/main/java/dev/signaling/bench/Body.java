package dev.signaling.bench;

/**
 * The JSON object every relayed message carries, and the only thing the load generator reads back:
 * {@code {"s":sender,"r":receiver,"q":seq,"t":sentNanos,"e":echoedNanos,"p":"padding"}}.
 *
 * <ul>
 * <li>{@code s}, {@code r}: client indexes; {@code r} is -1 for a room broadcast. They let a receiver tell a
 * misdelivered message (meant for someone else, or from a stranger) from a good one.</li>
 * <li>{@code q}: the sender's sequence number towards that destination, counting from 1: gaps and repeats show
 * loss, reordering and duplication.</li>
 * <li>{@code t}: when it was sent, or in open-loop runs when it was <em>meant</em> to be sent (so a server that
 * falls behind is charged for the wait), on this JVM's {@link System#nanoTime()} clock, which both ends share.</li>
 * <li>{@code e}: in an answer, the {@code t} of the offer it answers (round-trip time).</li>
 * </ul>
 * The server must pass the object through untouched; every dialect under test does.
 */
record Body(int sender, int receiver, long seq, long sentNanos, long echoedNanos) {

    static final String MARK = "{\"s\":";

    /** Appends the body, padded with {@code padding} characters so that messages have a realistic size. */
    void writeTo(StringBuilder out, String padding) {
        out.append(MARK).append(sender)
                .append(",\"r\":").append(receiver)
                .append(",\"q\":").append(seq)
                .append(",\"t\":").append(sentNanos)
                .append(",\"e\":").append(echoedNanos)
                .append(",\"p\":\"").append(padding).append("\"}");
    }

    /** Finds and reads the body inside a whole frame of any dialect; null when the frame carries none. */
    static Body find(String frame) {
        int at = frame.indexOf(MARK);
        if (at < 0) {
            return null;
        }
        Cursor c = new Cursor(frame, at + MARK.length());
        int s = (int) c.number();
        int r = (int) c.field("r");
        long q = c.field("q");
        long t = c.field("t");
        long e = c.field("e");
        return new Body(s, r, q, t, e);
    }

    /** Reads the fixed field order {@link #writeTo} produces; anything else means the server changed the body. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text, int at) {
            this.text = text;
            this.at = at;
        }

        long field(String name) {
            String expect = ",\"" + name + "\":";
            if (!text.startsWith(expect, at)) {
                throw new IllegalStateException("body altered in transit near: " + excerpt());
            }
            at += expect.length();
            return number();
        }

        long number() {
            boolean negative = at < text.length() && text.charAt(at) == '-';
            if (negative) {
                at++;
            }
            int start = at;
            long value = 0;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                value = value * 10 + (text.charAt(at++) - '0');
            }
            if (at == start) {
                throw new IllegalStateException("body altered in transit near: " + excerpt());
            }
            return negative ? -value : value;
        }

        private String excerpt() {
            return text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20));
        }
    }
}
