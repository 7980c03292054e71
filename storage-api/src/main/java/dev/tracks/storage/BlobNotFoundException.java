package dev.tracks.storage;

/**
 * Thrown when no blob of the current tenant has the requested id, or an active blob's object is missing from the store.
 */
public class BlobNotFoundException extends StorageException {

    private static final long serialVersionUID = 1L;

    public BlobNotFoundException(String message) {
        super(message);
    }

    public BlobNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
