package dev.tracks.storage.web;

import dev.tracks.storage.config.UploadLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578, RFC 2046) part by part, as a stream: each
 * part's content is handed out in the large spans that lie between delimiters in one
 * {@link MultipartBuffer}, so memory stays at that buffer whatever the size of the parts.
 *
 * <p>Anything before the first delimiter is a preamble and skipped, and everything after the close
 * delimiter is ignored. The {@code storage.upload.*} limits on the request, the parts, their
 * headers and their size are enforced while reading, with {@link MultipartLimitException}; broken
 * syntax throws {@link MalformedMultipartException}.
 */
final class MultipartStream {

    private final MultipartBuffer buffer;
    private final UploadLimits limits;
    private boolean finished;
    private int parts;
    private PartInputStream current;

    MultipartStream(InputStream body, byte[] boundary, UploadLimits limits) {
        this.buffer = new MultipartBuffer(body, boundary, limits.maxRequestSize());
        this.limits = limits;
    }

    /**
     * Skips the rest of the current part (or the preamble) and returns the next part, or empty
     * after the close delimiter. The previous part's stream ends here.
     *
     * @throws MultipartLimitException if the body, the number of parts or the part's headers
     *     cross their limit
     * @throws MalformedMultipartException if the body ends early or a part's headers are malformed
     * @throws IOException if reading the body fails
     */
    Optional<FormPart> nextPart() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        for (int n = buffer.contentAvailable(); n > 0; n = buffer.contentAvailable()) {
            buffer.skipContent(n);
        }
        current = null;
        if (!buffer.passDelimiter()) {
            finished = true;
            return Optional.empty();
        }

        countPart();
        PartHeaders headers = PartHeaders.parse(readHeaderBlock());
        buffer.startContent();

        current = new PartInputStream(this, limits.maxFileSize());
        return Optional.of(new FormPart(headers, current));
    }

    /**
     * Copies up to {@code length} bytes of {@code part}'s content, as many as lie before the next
     * possible delimiter in the buffer, reading the body when none do.
     *
     * @return the number of bytes copied, or -1 at the end of the part
     */
    int read(PartInputStream part, byte[] target, int offset, int length) throws IOException {
        requireCurrent(part);
        int available = buffer.contentAvailable();
        if (available == 0) {
            return -1;
        }

        int n = Math.min(available, length);
        buffer.takeContent(target, offset, n);
        return n;
    }

    /**
     * Skips up to {@code length} bytes of {@code part}'s content without copying them.
     */
    long skip(PartInputStream part, long length) throws IOException {
        requireCurrent(part);
        int n = (int) Math.min(buffer.contentAvailable(), length);
        buffer.skipContent(n);
        return n;
    }

    /**
     * Returns how many bytes of {@code part}'s content can be read without reading the body.
     */
    int available(PartInputStream part) {
        return part == current ? buffer.contentBuffered() : 0;
    }

    private void requireCurrent(PartInputStream part) throws IOException {
        if (part != current) {
            throw new IOException("Part was skipped: read each part's content before asking for the next part");
        }
    }

    private void countPart() throws MultipartLimitException {
        parts++;
        if (parts > limits.maxParts()) {
            throw new MultipartLimitException("Request has more than " + limits.maxParts() + " parts (storage.upload.max-parts): send fewer form fields");
        }
    }

    // Reads the header block of a part, up to and including the empty line that ends it.
    private byte[] readHeaderBlock() throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream(256);
        int lineLength = 0;
        byte previous = 0;
        while (true) {
            byte b = buffer.takeByte();
            block.write(b);
            if (block.size() > limits.maxPartHeaderSize()) {
                throw new MultipartLimitException("Part headers are longer than " + limits.maxPartHeaderSize()
                        + " bytes (storage.upload.max-part-header-size): send shorter field names and filenames");
            }

            if (b == '\n' && previous == '\r') {
                if (lineLength == 1) {
                    return block.toByteArray();
                }
                lineLength = 0;
            } else {
                lineLength++;
            }
            previous = b;
        }
    }
}
