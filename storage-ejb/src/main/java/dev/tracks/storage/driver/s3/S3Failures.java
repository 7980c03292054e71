package dev.tracks.storage.driver.s3;

import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Translates AWS SDK failures into the {@link StorageException} family, so no SDK type leaves the
 * driver. Every message names the operation, the key and the bucket, and keeps the SDK's exception
 * as the cause.
 */
final class S3Failures {

    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;
    private static final String NO_SUCH_BUCKET = "NoSuchBucket";

    private S3Failures() {
    }

    /**
     * Returns whether the failure means that no object has the key. A missing bucket does not
     * count, because that is a configuration error rather than an absent object. A {@code HEAD}
     * response has no body, so there a missing bucket looks like a missing key.
     */
    static boolean isMissingKey(SdkException failure) {
        if (failure instanceof NoSuchKeyException) {
            return true;
        }
        return failure instanceof S3Exception s3 && s3.statusCode() == NOT_FOUND && !NO_SUCH_BUCKET.equals(errorCode(s3));
    }

    /**
     * Returns the domain exception for a failed {@code operation}, such as {@code "store"} in
     * "Cannot store key …": {@code BadDigest} becomes {@link IntegrityException}, a missing key
     * {@link BlobNotFoundException}, anything else a plain {@link StorageException}.
     */
    static StorageException translate(String operation, StorageKey key, String bucket, SdkException failure) {
        String prefix = "Cannot " + operation + " key '" + key + "' in S3 bucket '" + bucket + "': ";
        if (!(failure instanceof S3Exception s3)) {
            return new StorageException(prefix + failure.getMessage(), failure);
        }

        String code = errorCode(s3);
        if ("BadDigest".equals(code)) {
            return new IntegrityException(prefix + "the store received bytes whose MD5 differs from their Content-MD5", s3);
        }
        // Only writes send a precondition (If-None-Match: *), so a 412 means the key is taken.
        if (s3.statusCode() == PRECONDITION_FAILED) {
            return new StorageException(prefix + "an object with this key exists", s3);
        }
        if (NO_SUCH_BUCKET.equals(code)) {
            return new StorageException(prefix + "the bucket does not exist: create it or correct storage.s3.bucket", s3);
        }
        if (isMissingKey(s3)) {
            return new BlobNotFoundException(prefix + "no object has this key", s3);
        }
        return new StorageException(prefix + describe(s3), s3);
    }

    private static String errorCode(S3Exception failure) {
        return failure.awsErrorDetails() == null ? null : failure.awsErrorDetails().errorCode();
    }

    private static String describe(S3Exception failure) {
        String code = errorCode(failure);
        String message = failure.awsErrorDetails() == null ? failure.getMessage() : failure.awsErrorDetails().errorMessage();
        return (code == null ? "" : code + " ") + "(HTTP " + failure.statusCode() + ") " + message
                + ", request ID " + failure.requestId();
    }
}
