package dev.tracks.storage;

import java.util.Optional;

/**
 * The facts a driver reports about one of its objects.
 *
 * @param key where the object lives
 * @param byteSize its length in bytes
 * @param checksum its MD5 as the store reports it, or null when the store keeps none (the disk
 *     driver, S3 objects written in parts); use {@link #reportedChecksum()}
 */
public record StoredObject(StorageKey key, long byteSize, Checksum checksum) {

    /**
     * Describes an object whose store reports no checksum.
     */
    public StoredObject(StorageKey key, long byteSize) {
        this(key, byteSize, null);
    }

    /**
     * Returns the MD5 the store reports, or empty when it keeps none, in which case a caller that
     * must verify the bytes reads and hashes them.
     */
    public Optional<Checksum> reportedChecksum() {
        return Optional.ofNullable(checksum);
    }
}
