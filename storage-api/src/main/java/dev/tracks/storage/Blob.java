package dev.tracks.storage;

import java.time.Instant;

/**
 * A stored file as the application sees it: one row of {@code tracks_blobs}.
 *
 * <p>Blobs are immutable. Replacing a file creates a new blob and purges the old one, so a URL
 * signed for a blob always serves the bytes it was signed for.
 *
 * @param id the row's primary key; never shown to clients of another tenant
 * @param key where the driver keeps the bytes, {@code tenants/{tenant}/blobs/{uuid}}
 * @param filename the name the client gave, kept for {@code Content-Disposition} only
 * @param contentType the media type detected from the bytes, or declared while pending
 * @param byteSize the length in bytes
 * @param checksum the MD5 of the bytes; {@code null} only while a server-side upload is pending
 * @param status pending until the bytes are stored and verified
 * @param createdAt when the row was written
 * @param tenant the owner
 */
public record Blob(
        long id,
        StorageKey key,
        String filename,
        String contentType,
        long byteSize,
        Checksum checksum,
        BlobStatus status,
        Instant createdAt,
        TenantId tenant) {

    /**
     * Returns whether the bytes are stored and verified, so the blob may be served.
     */
    public boolean isActive() {
        return status == BlobStatus.ACTIVE;
    }
}
