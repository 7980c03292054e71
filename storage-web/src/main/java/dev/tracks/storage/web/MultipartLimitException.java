package dev.tracks.storage.web;

import java.io.IOException;

/**
 * Thrown when a multipart body crosses a {@code storage.upload.*} limit while it is read: the
 * request, a part, the number of parts or a part's headers. It is an {@link IOException} so that
 * it passes through the stores that read a part's stream; {@link MultipartUploads} maps it to 413.
 */
final class MultipartLimitException extends IOException {

    private static final long serialVersionUID = 1L;

    MultipartLimitException(String message) {
        super(message);
    }
}
