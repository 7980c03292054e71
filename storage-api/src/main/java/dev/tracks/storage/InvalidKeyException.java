package dev.tracks.storage;

/**
 * Thrown when a storage key is malformed or could resolve outside the driver's root, such as one containing {@code ..}, a backslash or a NUL byte.
 */
public class InvalidKeyException extends StorageException {

    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String message) {
        super(message);
    }

    public InvalidKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
