package dev.tracks.storage.web;

import dev.tracks.storage.Blob;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A blob as clients see it in JSON, with the snake_case names of the Rails client.
 *
 * @param id the blob's id
 * @param key where the driver keeps the bytes
 * @param filename the client's filename
 * @param contentType the detected media type
 * @param byteSize the length in bytes
 * @param checksum the base64 MD5; null while a server-side upload is pending
 * @param status {@code pending} or {@code active}
 * @param createdAt when the row was written, ISO-8601 in UTC
 * @param signedId the blob's signed id, to attach it or fetch it later without the raw id
 */
@JsonbPropertyOrder({"id", "key", "filename", "contentType", "byteSize", "checksum", "status", "createdAt", "signedId"})
public record BlobJson(
        @JsonbProperty("id") long id,
        @JsonbProperty("key") String key,
        @JsonbProperty("filename") String filename,
        @JsonbProperty("content_type") String contentType,
        @JsonbProperty("byte_size") long byteSize,
        @JsonbProperty("checksum") String checksum,
        @JsonbProperty("status") String status,
        @JsonbProperty("created_at") String createdAt,
        @JsonbProperty("signed_id") String signedId) {

    /**
     * Returns the public fields of {@code blob} with its signed id.
     */
    public static BlobJson of(Blob blob, String signedId) {
        return new BlobJson(blob.id(), blob.key().value(), blob.filename(), blob.contentType(), blob.byteSize(),
                blob.checksum() == null ? null : blob.checksum().base64(), blob.status().columnValue(), blob.createdAt().toString(),
                signedId);
    }
}
