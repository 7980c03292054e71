package dev.tracks.storage;

/**
 * Thrown at startup when the storage settings are wrong or incomplete, such as an unknown {@code storage.driver} or a cloud driver whose SDK is missing. The message names the setting and the fix.
 */
public class DriverConfigurationException extends StorageException {

    private static final long serialVersionUID = 1L;

    public DriverConfigurationException(String message) {
        super(message);
    }

    public DriverConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
