package dev.tracks.storage.driver.gcs;

import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import java.nio.file.FileAlreadyExistsException;
import java.util.Optional;

/**
 * Translates Google's exceptions into ours, naming the operation, the key and the bucket and
 * keeping Google's exception as the cause. {@code com.google.cloud.storage.StorageException} is
 * always written in full because it shares its simple name with ours.
 */
final class GcsErrors {

    static final int NOT_FOUND = 404;
    static final int PRECONDITION_FAILED = 412;

    private final String bucket;

    GcsErrors(String bucket) {
        this.bucket = bucket;
    }

    /**
     * Returns our exception for a failed call, whether {@code e} is Google's exception or an
     * {@code IOException} of a channel that wraps it.
     */
    StorageException translate(String operation, StorageKey key, Exception e) {
        int code = codeOf(e);
        String reason = switch (code) {
            case PRECONDITION_FAILED -> "an object with this key exists";
            case NOT_FOUND -> "GCS answered 404 Not Found; check that the bucket exists and " + GcsSettings.PREFIX
                    + "bucket names it";
            case 401, 403 -> "GCS denied access (HTTP " + code + "); the credentials need the role Storage Object User"
                    + " on the bucket";
            default -> messageOf(e);
        };
        return new StorageException(cannot(operation, key) + reason, e);
    }

    /**
     * Returns the start of a failure message, such as
     * {@code Cannot store key 'tenants/acme/…' in GCS bucket 'files': }.
     */
    String cannot(String operation, StorageKey key) {
        return "Cannot " + operation + " key '" + key + "' in GCS bucket '" + bucket + "': ";
    }

    /**
     * Returns the HTTP status of the first Google exception in the cause chain, or 0 without one.
     * LocalStorageHelper reports a failed create-only precondition as a
     * {@code FileAlreadyExistsException} without a status; that counts as 412 too.
     */
    static int codeOf(Throwable e) {
        Optional<com.google.cloud.storage.StorageException> sdk = sdkCause(e);
        if (sdk.isPresent() && sdk.get().getCause() instanceof FileAlreadyExistsException) {
            return PRECONDITION_FAILED;
        }
        return sdk.map(com.google.cloud.storage.StorageException::getCode).orElse(0);
    }

    private static String messageOf(Throwable e) {
        return sdkCause(e).map(Throwable::getMessage).orElse(e.getMessage());
    }

    private static Optional<com.google.cloud.storage.StorageException> sdkCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.google.cloud.storage.StorageException sdk) {
                return Optional.of(sdk);
            }
        }
        return Optional.empty();
    }
}
