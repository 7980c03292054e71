package dev.tracks.storage.web;

import java.io.IOException;

/**
 * Thrown while reading a multipart body that breaks its syntax, such as a body that ends before
 * its close delimiter or a part header without its closing quote. It is an {@link IOException} so
 * that it passes through the stores that read a part's stream; {@link MultipartUploads} maps it
 * to 400.
 */
final class MalformedMultipartException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedMultipartException(String message) {
        super(message);
    }
}
