package dev.signaling.dialect.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The elements of a frame that must be one JSON array, each kept as the text the client wrote: a Socket.IO event is
 * {@code ["name", arg, ...]}, and its arguments are relayed untouched. Read with one pass of {@link JsonScanner}, like
 * {@link JsonObjectText}.
 */
public final class JsonArrayText {
    private final List<JsonValueText> elements;

    private JsonArrayText(List<JsonValueText> elements) {
        this.elements = Collections.unmodifiableList(elements);
    }

    /** Reads {@code text}; throws {@link JsonTextException} if it is not one JSON array, for a dialect to word. */
    public static JsonArrayText read(String text) {
        return read(text, 0);
    }

    /**
     * Reads {@code text} from index {@code from} on, where a protocol's header ends (a Socket.IO packet's type, ack id
     * and namespace), without cutting that part out first.
     */
    public static JsonArrayText read(String text, int from) {
        JsonScanner scan = new JsonScanner(text, from);
        scan.requireStart('[', JsonTextException.Reason.NOT_AN_ARRAY);
        List<JsonValueText> elements = new ArrayList<>(4);
        scan.array(1, elements);
        scan.expectEnd();
        return new JsonArrayText(elements);
    }

    /** Every element, in order. */
    public List<JsonValueText> elements() {
        return elements;
    }
}
