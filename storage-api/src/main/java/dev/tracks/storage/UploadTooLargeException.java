package dev.tracks.storage;

/**
 * Thrown when an upload exceeds a configured limit: the file, the whole request, the number of
 * parts or a part's headers. Reading stops at the limit and nothing is stored. Maps to 413.
 */
public class UploadTooLargeException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public UploadTooLargeException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }
}
