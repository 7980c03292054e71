package dev.tracks.storage;

/**
 * Thrown when one field of a client's request has an unacceptable value, such as a blank filename
 * or a content type the attachment does not allow. The message names the field and how to fix it.
 * Maps to 422.
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
