package dev.tracks.storage;

import java.util.Objects;

/**
 * What a signed upload URL accepts: exactly one body of this type, size and checksum.
 *
 * @param contentType the media type the client must declare in {@code Content-Type}
 * @param byteSize the exact length of the body in bytes
 * @param checksum the MD5 of the body
 */
public record UploadConstraints(String contentType, long byteSize, Checksum checksum) {

    public UploadConstraints {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(checksum, "checksum");
        if (byteSize < 0) {
            throw new IllegalArgumentException("Byte size " + byteSize + " is negative");
        }
    }
}
