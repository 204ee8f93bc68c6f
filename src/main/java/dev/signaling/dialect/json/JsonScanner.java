package dev.signaling.dialect.json;

import java.util.List;

/**
 * A strict JSON (RFC 8259) scanner over one String: it checks the syntax and finds where values start and end, and
 * builds nothing on the way but the positions a reader asks it to record. {@link JsonObjectText} and
 * {@link JsonArrayText} cut members and elements out of a frame with it on every relayed message, so a scan must cost
 * no more than walking the characters once: no tokens, no buffers, no copies (a Jackson parser per frame was a sixth
 * of all the allocation per relayed message).
 * <p>
 * It accepts exactly what Jackson's default parser and JavaScript's {@code JSON.parse} accept (no comments, no trailing
 * commas, no leading zeros, no raw control characters in strings), and refuses nesting deeper than
 * {@link #MAX_DEPTH}, as Jackson does, so a frame of ten thousand {@code [} cannot exhaust the stack. A refusal is a
 * {@link JsonTextException}: {@code TRAILING} when a complete value is followed by more text, {@code SYNTAX} for the
 * rest; each dialect turns it into its own error.
 */
final class JsonScanner {
    /** Jackson's default limit (StreamReadConstraints), which the server has always applied. */
    static final int MAX_DEPTH = 1000;

    private final String text;
    private int pos;
    /** Set by {@link #string}: whether the string just scanned has a backslash escape. */
    private boolean escaped;

    JsonScanner(String text) {
        this(text, 0);
    }

    /** A scanner of {@code text} from index {@code from} on (what comes before is another protocol's header). */
    JsonScanner(String text, int from) {
        this.text = text;
        this.pos = from;
    }

    /** Moves past whitespace; returns the character there, or -1 at the end of the text. */
    int skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c;
            }
            pos++;
        }
        return -1;
    }

    /** Requires {@code c} at the current position (after whitespace) and moves past it. */
    private void expect(char c) {
        if (skipWhitespace() != c) {
            throw invalid();
        }
        pos++;
    }

    /** Requires that only whitespace is left. */
    void expectEnd() {
        if (skipWhitespace() != -1) {
            throw new JsonTextException(JsonTextException.Reason.TRAILING);
        }
    }

    /**
     * Where a reader starts: requires the text to begin (after whitespace) with {@code open}, the bracket of the
     * value it wants, and otherwise says why not: {@code EMPTY}, {@code SYNTAX} or {@code TRAILING} if the text is
     * not one JSON value (the client is told it sent bad JSON, whatever it meant), or {@code wrongKind}.
     */
    void requireStart(char open, JsonTextException.Reason wrongKind) {
        int first = skipWhitespace();
        if (first == open) {
            return;
        }
        if (first == -1) {
            throw new JsonTextException(JsonTextException.Reason.EMPTY);
        }
        value(0);
        expectEnd();
        throw new JsonTextException(wrongKind);
    }

    /** Scans the value at the current position (after whitespace) like {@link #value}, and records where it is. */
    JsonValueText recordedValue(int depth) {
        skipWhitespace();
        int start = pos;
        JsonValueText.Kind kind = value(depth);
        return new JsonValueText(text, kind, start, pos, kind == JsonValueText.Kind.STRING && escaped);
    }

    /** Scans the value at the current position (after whitespace); returns its kind, with the position just past it. */
    JsonValueText.Kind value(int depth) {
        int c = skipWhitespace();
        switch (c) {
            case '"':
                string();
                return JsonValueText.Kind.STRING;
            case '{':
                object(depth + 1, null);
                return JsonValueText.Kind.OBJECT;
            case '[':
                array(depth + 1, null);
                return JsonValueText.Kind.ARRAY;
            case 't':
                literal("true");
                return JsonValueText.Kind.TRUE;
            case 'f':
                literal("false");
                return JsonValueText.Kind.FALSE;
            case 'n':
                literal("null");
                return JsonValueText.Kind.NULL;
            default:
                return number();
        }
    }

    /** Scans a string literal at the current position, quotes included. */
    private void string() {
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw invalid();
        }
        escaped = false;
        int i = pos + 1;
        while (true) {
            if (i >= text.length()) {
                throw invalid();
            }
            char c = text.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return;
            }
            if (c < 0x20) {
                throw invalid(); // control characters must be escaped
            }
            if (c == '\\') {
                escaped = true;
                i = escape(i + 1);
            } else {
                i++;
            }
        }
    }

    /** The characters of a string literal that runs from {@code start} (its opening quote) to {@code end}. */
    static String decode(String text, int start, int end, boolean escaped) {
        if (!escaped) {
            return text.substring(start + 1, end - 1);
        }
        StringBuilder out = new StringBuilder(end - start);
        int run = start + 1; // the characters from here to the next backslash are copied as they are, in one go
        for (int i = start + 1; i < end - 1; i++) {
            if (text.charAt(i) != '\\') {
                continue;
            }
            out.append(text, run, i);
            char e = text.charAt(++i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    char u = 0;
                    for (int k = i + 1; k <= i + 4; k++) {
                        u = (char) (u << 4 | hex(text.charAt(k)));
                    }
                    out.append(u); // a lone surrogate stays one, as in Jackson and JSON.parse
                    i += 4;
                }
                default -> out.append(e); // '"', '\\', '/': checked by the scan
            }
            run = i + 1;
        }
        return out.append(text, run, end - 1).toString();
    }

    /**
     * Scans the object at the current position (after whitespace), {@code depth} levels deep; adds each of its members
     * to {@code members} unless that is null (a nested object, which only has to be valid).
     */
    void object(int depth, List<JsonObjectText.Member> members) {
        checkDepth(depth);
        expect('{');
        if (skipWhitespace() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            int memberStart = pos;
            string();
            int nameEnd = pos;
            boolean nameEscaped = escaped;
            expect(':');
            skipWhitespace();
            int valueStart = pos;
            JsonValueText.Kind kind = value(depth);
            if (members != null) {
                members.add(new JsonObjectText.Member(text, memberStart, nameEnd, nameEscaped, kind, valueStart, pos,
                        kind == JsonValueText.Kind.STRING && escaped));
            }
            int c = skipWhitespace();
            pos++;
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw invalid();
            }
        }
    }

    /**
     * Scans the array at the current position (after whitespace), {@code depth} levels deep; adds each of its elements
     * to {@code elements} unless that is null.
     */
    void array(int depth, List<JsonValueText> elements) {
        checkDepth(depth);
        expect('[');
        if (skipWhitespace() == ']') {
            pos++;
            return;
        }
        while (true) {
            if (elements != null) {
                elements.add(recordedValue(depth));
            } else {
                value(depth);
            }
            int c = skipWhitespace();
            pos++;
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw invalid();
            }
        }
    }

    private int escape(int i) {
        if (i >= text.length()) {
            throw invalid();
        }
        switch (text.charAt(i)) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return i + 1;
            case 'u':
                if (i + 5 > text.length()) {
                    throw invalid();
                }
                for (int k = i + 1; k <= i + 4; k++) {
                    if (hex(text.charAt(k)) < 0) {
                        throw invalid();
                    }
                }
                return i + 5;
            default:
                throw invalid();
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw invalid();
        }
        pos += word.length();
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}; what follows is checked by the caller. */
    private JsonValueText.Kind number() {
        boolean integer = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw invalid(); // also the end of the text, or any character no value starts with
        }
        if (peek() == '.') {
            pos++;
            requireDigits();
            integer = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits();
            integer = false;
        }
        return integer ? JsonValueText.Kind.INTEGER : JsonValueText.Kind.FLOAT;
    }

    private void requireDigits() {
        if (!isDigit(peek())) {
            throw invalid();
        }
        digits();
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would also take other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid();
        }
    }

    private static JsonTextException invalid() {
        return new JsonTextException(JsonTextException.Reason.SYNTAX);
    }
}
