package dev.tracks.storage;

/**
 * The root of every error Tracks Storage throws. It is unchecked because callers rarely recover
 * in place; the web layer maps each subclass to one HTTP status.
 *
 * <p>Thrown as it is when a store fails for a reason the caller cannot fix, such as a full disk or
 * an unreachable bucket; the cause carries the driver's own error.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
