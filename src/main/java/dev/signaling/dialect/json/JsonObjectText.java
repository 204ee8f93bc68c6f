package dev.signaling.dialect.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.signaling.core.ErrorCode;
import dev.signaling.core.SignalingException;

/**
 * The top-level members of a frame that must be one JSON object, each kept as the text the client wrote. The
 * seed-compatible codecs pass parts of a client's message on untouched (an SDP, a whole mesh message), so they need
 * the raw text of values rather than a tree that would be re-serialized. One pass of our own {@link JsonScanner}, which
 * only records where each member starts and ends: names, string values and raw texts are cut from the frame when a
 * codec asks for them, and a relayed frame is read on every message.
 * <p>
 * Members keep their order and duplicates; {@link #last} follows JavaScript's {@code JSON.parse}, where the last
 * duplicate wins, so we read a frame the way the seed servers and their clients do.
 */
public final class JsonObjectText {

    /**
     * One member: its name, and its value as a {@link JsonValueText}; {@link #rawMember} is the whole
     * {@code "name":value} text.
     */
    public static final class Member extends JsonValueText {
        private final int memberStart; // the name's opening quote
        private final int nameEnd; // just past the name's closing quote
        private final boolean nameEscaped;
        private String name; // decoded when first asked for

        Member(String frame, int memberStart, int nameEnd, boolean nameEscaped, Kind kind, int valueStart,
                int valueEnd, boolean valueEscaped) {
            super(frame, kind, valueStart, valueEnd, valueEscaped);
            this.memberStart = memberStart;
            this.nameEnd = nameEnd;
            this.nameEscaped = nameEscaped;
        }

        public String name() {
            if (name == null) {
                name = JsonScanner.decode(frame, memberStart, nameEnd, nameEscaped);
            }
            return name;
        }

        /** Whether this member is called {@code wanted}; compares in place, without cutting the name out. */
        public boolean isNamed(String wanted) {
            if (nameEscaped) {
                return name().equals(wanted);
            }
            int length = nameEnd - memberStart - 2;
            return length == wanted.length() && frame.regionMatches(memberStart + 1, wanted, 0, length);
        }

        public String rawMember() {
            return frame.substring(memberStart, valueEnd);
        }

        /** Appends {@link #rawMember} to {@code out} without cutting it out of the frame first. */
        public StringBuilder appendRawMember(StringBuilder out) {
            return out.append(frame, memberStart, valueEnd);
        }
    }

    private final String text;
    private final List<Member> members;

    private JsonObjectText(String text, List<Member> members) {
        this.text = text;
        this.members = Collections.unmodifiableList(members);
    }

    /**
     * Reads {@code text}, in the seed dialects' words: {@link SignalingException} {@code INVALID_JSON} "Invalid JSON"
     * if it is not JSON, {@code INVALID_MESSAGE} if it is JSON but not an object.
     */
    public static JsonObjectText parse(String text) {
        try {
            return read(text);
        } catch (JsonTextException e) {
            if (e.reason() == JsonTextException.Reason.NOT_AN_OBJECT) {
                throw new SignalingException(ErrorCode.INVALID_MESSAGE, "Invalid message: expected a JSON object");
            }
            throw new SignalingException(ErrorCode.INVALID_JSON, "Invalid JSON");
        }
    }

    /** Reads {@code text}; throws {@link JsonTextException} if it is not one JSON object, for a dialect to word. */
    public static JsonObjectText read(String text) {
        JsonScanner scan = new JsonScanner(text);
        scan.requireStart('{', JsonTextException.Reason.NOT_AN_OBJECT);
        List<Member> members = new ArrayList<>(4);
        scan.object(1, members);
        scan.expectEnd();
        return new JsonObjectText(text, members);
    }

    /** The length of the frame's text: what a codec that copies most of the frame sizes its buffer by. */
    public int length() {
        return text.length();
    }

    /** Every member, in the order written. */
    public List<Member> members() {
        return members;
    }

    /** The last member called {@code name}, or null if there is none. */
    public Member last(String name) {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i).isNamed(name)) {
                return members.get(i);
            }
        }
        return null;
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        return appendQuoted(new StringBuilder(s.length() + 8), s).toString();
    }

    /** Appends {@code s} as a JSON string literal, quotes included, to {@code out}; returns {@code out}. */
    public static StringBuilder appendQuoted(StringBuilder out, String s) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        return out.append('"');
    }
}
