package dev.tracks.storage;

/**
 * Thrown when a request cannot be read as what the endpoint expects, such as an upload that is not
 * {@code multipart/form-data} or lacks its file part. Maps to 400, where an unacceptable value in a
 * well-formed request ({@link InvalidInputException}) maps to 422.
 */
public class MalformedRequestException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public MalformedRequestException(String field, String message) {
        super(field, message);
    }

    public MalformedRequestException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }
}
