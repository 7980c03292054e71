package dev.tracks.storage.config;

/**
 * The limits a multipart upload request must stay within; reading stops at the first one crossed.
 *
 * @param maxFileSize the largest file part in bytes ({@code storage.upload.max-file-size})
 * @param maxRequestSize the largest whole request body in bytes ({@code storage.upload.max-request-size})
 * @param maxParts the most parts, files and fields together ({@code storage.upload.max-parts})
 * @param maxPartHeaderSize the largest header block of one part in bytes
 *     ({@code storage.upload.max-part-header-size})
 * @param partName the name of the form field that carries the file ({@code storage.upload.part-name})
 */
public record UploadLimits(long maxFileSize, long maxRequestSize, int maxParts, int maxPartHeaderSize, String partName) {
}
