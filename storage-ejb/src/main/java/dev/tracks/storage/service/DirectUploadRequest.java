package dev.tracks.storage.service;

import dev.tracks.storage.Checksum;
import dev.tracks.storage.InvalidInputException;

/**
 * The declaration a client sends before uploading straight to the store: the fields of the Rails
 * client's {@code {"blob": {…}}}. Only these four fields exist, so a client can never set a status,
 * key or tenant.
 *
 * @param filename the file's name
 * @param contentType its media type
 * @param byteSize its exact length in bytes; null when missing
 * @param checksum the base64 of its 16-byte MD5
 */
public record DirectUploadRequest(String filename, String contentType, Long byteSize, String checksum) {

    /**
     * Returns the validated declaration.
     *
     * @throws InvalidInputException naming the first invalid field and its fix
     */
    Declared validate(AttachmentRules rules) {
        Filename name = Filename.of(filename);
        String type = MediaTypes.parse(contentType).orElseThrow(() -> new InvalidInputException("content_type",
                "content_type '" + contentType + "' is missing or malformed: send a media type such as 'image/png'"));
        if (byteSize == null || byteSize < 0) {
            throw new InvalidInputException("byte_size", "byte_size " + byteSize + " is missing or negative: send the file's length"
                    + " in bytes");
        }
        rules.check(type, byteSize);

        return new Declared(name.value(), type, byteSize, parseChecksum());
    }

    private Checksum parseChecksum() {
        try {
            return new Checksum(checksum);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("checksum", e.getMessage(), e);
        }
    }

    /** A validated declaration. */
    record Declared(String filename, String contentType, long byteSize, Checksum checksum) {
    }
}
