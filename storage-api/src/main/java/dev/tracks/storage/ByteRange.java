package dev.tracks.storage;

/**
 * An inclusive range of byte offsets inside an object, as in HTTP's {@code Range: bytes=first-last}.
 *
 * @param first the offset of the first byte, from 0
 * @param last the offset of the last byte, not less than {@code first}
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("Byte range " + first + "-" + last + " is invalid: need 0 <= first <= last");
        }
    }

    /**
     * Returns the number of bytes in the range.
     */
    public long length() {
        return last - first + 1;
    }
}
