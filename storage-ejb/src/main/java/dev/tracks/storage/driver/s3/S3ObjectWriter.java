package dev.tracks.storage.driver.s3;

import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes a stream of unknown length to one key with bounded memory.
 *
 * <p>A stream that ends within the first part is stored with one {@code PutObject}. A longer one
 * goes up as a multipart upload, one part at a time through a single reused buffer. Any failure
 * during a multipart upload, including the stream throwing at its end, aborts the upload, so no
 * parts stay behind and no object appears. Every write carries {@code If-None-Match: *}, so the
 * store rejects it if the key exists.
 */
final class S3ObjectWriter {

    private static final int MAX_PARTS = 10_000;
    private static final String ANY_OBJECT = "*";

    private final S3Client client;
    private final String bucket;
    private final int partSize;

    S3ObjectWriter(S3Client client, String bucket, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /**
     * Stores {@code content} under {@code key}, reading it to the end.
     *
     * @throws StorageException if reading the stream or the store fails, or if the key exists. An
     *     exception that the stream throws itself, such as {@code IntegrityException}, passes
     *     through unchanged.
     */
    void write(StorageKey key, InputStream content, String contentType) {
        PartBuffer buffer = new PartBuffer(partSize);

        boolean ended = fill(buffer, content, key);

        if (ended) {
            putObject(key, buffer, contentType);
        } else {
            putMultipart(key, content, buffer, contentType);
        }
    }

    private void putObject(StorageKey key, PartBuffer buffer, String contentType) {
        try {
            client.putObject(request -> request.bucket(bucket).key(key.value())
                    .contentType(contentType)
                    .contentLength((long) buffer.length())
                    .contentMD5(buffer.md5().base64())
                    .ifNoneMatch(ANY_OBJECT), buffer.asRequestBody());
        } catch (SdkException e) {
            throw S3Failures.translate("store", key, bucket, e);
        }
    }

    private void putMultipart(StorageKey key, InputStream content, PartBuffer firstPart, String contentType) {
        String uploadId = createMultipartUpload(key, contentType);
        try {
            List<CompletedPart> parts = uploadParts(key, uploadId, content, firstPart);
            completeMultipartUpload(key, uploadId, parts);
        } catch (RuntimeException | Error e) {
            abortMultipartUpload(key, uploadId, e);
            throw e;
        }
    }

    // Uploads the part already in the buffer, then refills and uploads until the stream ends. The
    // loop exits only after a read reached the end without throwing, so a stream that fails at
    // its end never completes the upload.
    private List<CompletedPart> uploadParts(StorageKey key, String uploadId, InputStream content, PartBuffer buffer) {
        List<CompletedPart> parts = new ArrayList<>();
        boolean ended;
        do {
            parts.add(uploadPart(key, uploadId, parts.size() + 1, buffer));
            ended = fill(buffer, content, key);
        } while (!ended);

        if (buffer.length() > 0) {
            parts.add(uploadPart(key, uploadId, parts.size() + 1, buffer));
        }
        return parts;
    }

    private String createMultipartUpload(StorageKey key, String contentType) {
        try {
            return client.createMultipartUpload(request -> request.bucket(bucket).key(key.value()).contentType(contentType))
                    .uploadId();
        } catch (SdkException e) {
            throw S3Failures.translate("start a multipart upload of", key, bucket, e);
        }
    }

    // Parts carry no Content-MD5, which would cost a second MD5 pass over every byte. TLS protects
    // them over HTTPS, and over plain HTTP the SDK (2.59) signs each part's SHA-256.
    private CompletedPart uploadPart(StorageKey key, String uploadId, int partNumber, PartBuffer buffer) {
        if (partNumber > MAX_PARTS) {
            throw new StorageException("Cannot store key '" + key + "' in S3 bucket '" + bucket + "': the object is larger"
                    + " than " + MAX_PARTS + " parts of " + partSize + " bytes, the maximum for one multipart upload");
        }
        try {
            String etag = client.uploadPart(request -> request.bucket(bucket).key(key.value())
                    .uploadId(uploadId)
                    .partNumber(partNumber)
                    .contentLength((long) buffer.length()), buffer.asRequestBody()).eTag();
            return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
        } catch (SdkException e) {
            throw S3Failures.translate("upload part " + partNumber + " of", key, bucket, e);
        }
    }

    private void completeMultipartUpload(StorageKey key, String uploadId, List<CompletedPart> parts) {
        try {
            client.completeMultipartUpload(request -> request.bucket(bucket).key(key.value())
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts))
                    .ifNoneMatch(ANY_OBJECT));
        } catch (SdkException e) {
            throw S3Failures.translate("store", key, bucket, e);
        }
    }

    // A failed abort leaves the uploaded parts in the bucket, billed, until a lifecycle rule or a
    // person aborts the upload. The suppressed exception carries the upload ID that this needs.
    private void abortMultipartUpload(StorageKey key, String uploadId, Throwable failure) {
        try {
            client.abortMultipartUpload(request -> request.bucket(bucket).key(key.value()).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(new StorageException("Cannot abort multipart upload " + uploadId + " of key '" + key
                    + "' in S3 bucket '" + bucket + "': its parts stay in the bucket until the upload is aborted", e));
        }
    }

    private boolean fill(PartBuffer buffer, InputStream content, StorageKey key) {
        try {
            return buffer.fill(content);
        } catch (IOException e) {
            throw new StorageException("Cannot store key '" + key + "' in S3 bucket '" + bucket + "': reading the content"
                    + " failed: " + e.getMessage(), e);
        }
    }
}
