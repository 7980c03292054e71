package dev.tracks.storage;

/**
 * Thrown when a client's request is unusable because one field is missing or invalid, such as an
 * upload without its file part. The message names the field and how to fix it.
 */
public class InvalidInputException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /**
     * Returns the name of the offending field, as the client sent it.
     */
    public String field() {
        return field;
    }
}
