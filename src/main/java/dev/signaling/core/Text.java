package dev.signaling.core;

/** Small checks on client-supplied text. */
final class Text {
    private Text() {
    }

    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
