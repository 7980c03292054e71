package dev.tracks.storage.web;

import dev.tracks.storage.ByteRange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTTP {@code Range} header (RFC 9110, section 14) against an object's size.
 *
 * <p>Only a single byte range is served. Multiple ranges, other units and malformed values are
 * ignored, as the RFC allows, and the whole object is sent.
 */
final class RangeHeader {

    // Range units are case-insensitive (RFC 9110, section 14.1).
    private static final Pattern SINGLE_RANGE = Pattern.compile("(?i)bytes=(\\d*)-(\\d*)");

    /** The kind of response: the whole object, one range of it, or 416. */
    enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    /**
     * The decision for one request.
     *
     * @param kind the kind of response
     * @param range the bytes to send when {@code kind} is {@link Kind#PARTIAL}, else null
     */
    record Selection(Kind kind, ByteRange range) {
    }

    private static final Selection WHOLE = new Selection(Kind.WHOLE, null);
    private static final Selection UNSATISFIABLE = new Selection(Kind.UNSATISFIABLE, null);

    private RangeHeader() {
    }

    static Selection select(String header, long size) {
        Matcher matcher = header == null ? null : SINGLE_RANGE.matcher(header.strip());
        if (matcher == null || !matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return WHOLE;
        }

        return matcher.group(1).isEmpty() ? suffix(saturated(matcher.group(2)), size)
                : fromOffset(saturated(matcher.group(1)), matcher.group(2), size);
    }

    // Positions beyond Long.MAX_VALUE mean "past the end", which every rule below already handles.
    private static long saturated(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    // "bytes=-500": the last 500 bytes, or the whole object if it is shorter.
    private static Selection suffix(long length, long size) {
        if (length == 0 || size == 0) {
            return UNSATISFIABLE;
        }
        return new Selection(Kind.PARTIAL, new ByteRange(Math.max(0, size - length), size - 1));
    }

    // "bytes=100-" or "bytes=100-199": a last offset past the end is cut to the end.
    private static Selection fromOffset(long first, String lastText, long size) {
        if (first >= size) {
            return UNSATISFIABLE;
        }
        long last = lastText.isEmpty() ? size - 1 : Math.min(saturated(lastText), size - 1);
        if (last < first) {
            return WHOLE;
        }
        return new Selection(Kind.PARTIAL, new ByteRange(first, last));
    }
}
