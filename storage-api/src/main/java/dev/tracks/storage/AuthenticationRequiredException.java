package dev.tracks.storage;

/**
 * Thrown when a request that needs a tenant has no authenticated caller. Maps to 401.
 */
public class AuthenticationRequiredException extends StorageException {

    private static final long serialVersionUID = 1L;

    public AuthenticationRequiredException(String message) {
        super(message);
    }

    public AuthenticationRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
