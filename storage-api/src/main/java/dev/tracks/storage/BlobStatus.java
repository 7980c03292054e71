package dev.tracks.storage;

import java.util.Locale;

/**
 * Where a blob is in its life. A blob is {@link #PENDING} while its bytes are on their way and
 * becomes {@link #ACTIVE} once they are stored and verified; only active blobs can be served.
 */
public enum BlobStatus {

    /** The row exists but its object is not yet stored and verified. */
    PENDING,

    /** The object is stored with exactly the recorded size and checksum. */
    ACTIVE;

    /**
     * Returns the value stored in {@code tracks_blobs.status}: {@code pending} or {@code active}.
     */
    public String columnValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a value of {@code tracks_blobs.status}.
     *
     * @throws IllegalArgumentException if the value is neither {@code pending} nor {@code active}
     */
    public static BlobStatus fromColumnValue(String value) {
        for (BlobStatus status : values()) {
            if (status.columnValue().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Blob status '" + value + "' is unknown: expected 'pending' or 'active'");
    }
}
