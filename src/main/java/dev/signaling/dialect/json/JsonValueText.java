package dev.signaling.dialect.json;

/**
 * One JSON value inside a frame, kept as where it starts and ends: {@link #rawValue} is the text the client wrote
 * (what a codec relays untouched), {@link #text} the value of a string, number or boolean, decoded only when asked
 * for. The readers of this package ({@link JsonObjectText}, {@link JsonArrayText}) make these with one scan.
 */
public class JsonValueText {

    /** What a value is. */
    public enum Kind {
        STRING, INTEGER, FLOAT, TRUE, FALSE, NULL, OBJECT, ARRAY
    }

    final String frame;
    private final Kind kind;
    private final int valueStart;
    final int valueEnd;
    private final boolean valueEscaped;
    private String text;

    JsonValueText(String frame, Kind kind, int valueStart, int valueEnd, boolean valueEscaped) {
        this.frame = frame;
        this.kind = kind;
        this.valueStart = valueStart;
        this.valueEnd = valueEnd;
        this.valueEscaped = valueEscaped;
    }

    /** Reads {@code text} as one JSON value (whitespace around it allowed); throws {@link JsonTextException}. */
    public static JsonValueText read(String text) {
        JsonScanner scan = new JsonScanner(text);
        if (scan.skipWhitespace() == -1) {
            throw new JsonTextException(JsonTextException.Reason.EMPTY);
        }
        JsonValueText value = scan.recordedValue(0);
        scan.expectEnd();
        return value;
    }

    public Kind kind() {
        return kind;
    }

    /** The value of a string (unescaped), number or boolean (as written); null for null, objects and arrays. */
    public String text() {
        if (text == null) {
            text = switch (kind) {
                case STRING -> JsonScanner.decode(frame, valueStart, valueEnd, valueEscaped);
                case INTEGER, FLOAT, TRUE, FALSE -> rawValue();
                default -> null;
            };
        }
        return text;
    }

    /** The value's JSON text, exactly as written. */
    public String rawValue() {
        return frame.substring(valueStart, valueEnd);
    }

    public boolean isString() {
        return kind == Kind.STRING;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }
}
