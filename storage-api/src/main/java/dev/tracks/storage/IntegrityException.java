package dev.tracks.storage;

/**
 * Thrown when stored bytes differ from what was declared: another size, checksum or detected content type. Nothing is kept when it is thrown during a write.
 */
public class IntegrityException extends StorageException {

    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
