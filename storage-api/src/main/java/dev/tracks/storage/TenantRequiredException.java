package dev.tracks.storage;

/**
 * Thrown when no tenant is bound to the current request, or the caller's principal maps to no valid tenant. There is no default tenant. Maps to 403.
 */
public class TenantRequiredException extends StorageException {

    private static final long serialVersionUID = 1L;

    public TenantRequiredException(String message) {
        super(message);
    }

    public TenantRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
