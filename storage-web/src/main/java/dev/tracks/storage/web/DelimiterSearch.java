package dev.tracks.storage.web;

import java.util.Arrays;

/**
 * Finds a multipart delimiter ({@code CRLF--boundary}) in a byte range with the
 * Boyer-Moore-Horspool algorithm: it looks at the byte under the delimiter's last position and
 * skips ahead by as much as that byte allows, up to the delimiter's whole length. File content
 * rarely contains the boundary's characters, so most skips are long.
 *
 * <p>Content made of the boundary's last characters allows only short skips. After a skip of
 * fewer than {@value #SHORT_SHIFT} bytes the search therefore scans ahead, by at most the
 * delimiter's length, for the next {@code CRLF--} that every delimiter starts with. A candidate is
 * compared first at its CR and then as a whole. CR occurs in the delimiter only at its start (RFC
 * 2046 allows no CR in a boundary), so the stretches that candidates match cannot overlap, and the
 * work stays linear in the range whatever the content.
 */
final class DelimiterSearch {

    private static final int SHORT_SHIFT = 4;

    private final byte[] delimiter;
    private final int[] shifts = new int[256];

    DelimiterSearch(byte[] delimiter) {
        this.delimiter = delimiter.clone();
        Arrays.fill(shifts, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shifts[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
    }

    /**
     * Returns the delimiter's length in bytes.
     */
    int length() {
        return delimiter.length;
    }

    /**
     * Returns the first index in {@code [from, to - length()]} at which the whole delimiter starts
     * in {@code data}, or -1 when there is none.
     */
    int find(byte[] data, int from, int to) {
        int last = delimiter.length - 1;
        int limit = to - delimiter.length;
        byte lastByte = delimiter[last];
        int at = from;
        while (at <= limit) {
            byte b = data[at + last];
            if (b == lastByte && startsAt(data, at)) {
                return at;
            }
            int shift = shifts[b & 0xff];
            at += shift;
            if (shift < SHORT_SHIFT) {
                at = nextDelimiterStart(data, at, Math.min(limit, at + delimiter.length));
            }
        }
        return -1;
    }

    // Returns the first index in [from, last] where CRLF-- starts, or last + 1: every delimiter
    // starts with CRLF--, so none starts between from and that index.
    private static int nextDelimiterStart(byte[] data, int from, int last) {
        int at = from;
        while (at <= last && !(data[at] == '\r' && data[at + 1] == '\n' && data[at + 2] == '-' && data[at + 3] == '-')) {
            at++;
        }
        return at;
    }

    private boolean startsAt(byte[] data, int at) {
        return data[at] == '\r' && Arrays.equals(data, at + 1, at + delimiter.length - 1, delimiter, 1, delimiter.length - 1);
    }
}
