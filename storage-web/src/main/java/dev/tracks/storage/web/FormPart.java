package dev.tracks.storage.web;

import java.io.InputStream;

/**
 * One part of a {@code multipart/form-data} body: its headers and its content, which can
 * be read until the next part is requested.
 *
 * @param headers the part's name, filename and content type
 * @param content the part's content; closing it does not close the request
 */
record FormPart(PartHeaders headers, InputStream content) {
}
