package dev.tracks.storage;

/**
 * Thrown when a signed URL token or signed id fails verification: tampered, expired, signed for another purpose, or signed with an unknown secret.
 */
public class InvalidSignatureException extends StorageException {

    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message);
    }

    public InvalidSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
