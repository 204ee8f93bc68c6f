package dev.signaling.edge;

/** UTF-8 size of a text frame, computed only when the char count alone cannot decide. */
public final class FrameSize {
    private FrameSize() {
    }

    /** Whether {@code text} takes more than {@code maxBytes} bytes in UTF-8. */
    public static boolean exceeds(String text, int maxBytes) {
        int chars = text.length();
        if (chars > maxBytes) {
            return true; // every char takes at least one byte
        }
        if ((long) chars * 3 <= maxBytes) {
            return false; // every char takes at most three bytes (a surrogate pair: four for two chars)
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > maxBytes;
    }
}
