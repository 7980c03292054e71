package dev.tracks.storage.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * The one 64 KiB buffer a multipart body is read through, and where in it the current part's
 * content ends. It keeps at most a delimiter's length of bytes that could still start a delimiter
 * (plus its transport padding), so everything before them can be handed out in one span.
 *
 * <p>A delimiter is CRLF, {@code --}, the boundary, optional spaces or tabs, and CRLF (a bare LF is
 * accepted too). A close delimiter ends with {@code --} instead. The delimiter's bytes followed by
 * anything else are content. A CRLF put in front of the body lets the first delimiter start it.
 */
final class MultipartBuffer {

    /** Size of the buffer. */
    static final int SIZE = 64 * 1024;

    /** Most spaces and tabs accepted between a boundary and its line end (RFC 2046 sets no limit). */
    static final int MAX_TRANSPORT_PADDING = 1024;

    private static final int UNDECIDED = -1;
    private static final int NOT_A_DELIMITER = -2;

    private final InputStream body;
    private final long maxBodySize;
    private final DelimiterSearch search;
    private final byte[] buffer = new byte[SIZE];

    // The bytes in [head, tail) are read but not consumed; [head, contentEnd) are known to be
    // content. The search for the next delimiter resumes at scanFrom. A delimiter found and
    // confirmed starts at delimiterAt, and its line ends at lineEnd.
    private int head;
    private int tail;
    private int contentEnd;
    private int scanFrom;
    private int delimiterAt = -1;
    private int lineEnd;
    private boolean closeDelimiter;
    private boolean endOfBody;
    private long bodyBytes;

    MultipartBuffer(InputStream body, byte[] boundary, long maxBodySize) {
        this.body = body;
        this.maxBodySize = maxBodySize;
        this.search = new DelimiterSearch(delimiterOf(boundary));

        buffer[0] = '\r';
        buffer[1] = '\n';
        tail = 2;
    }

    /**
     * Returns how many content bytes lie before the next possible delimiter, reading the body until
     * there is at least one, or 0 when the delimiter comes next.
     *
     * @throws MalformedMultipartException if the body ends before the delimiter
     * @throws MultipartLimitException if the body crosses {@code storage.upload.max-request-size}
     */
    int contentAvailable() throws IOException {
        scan();
        while (head == contentEnd && delimiterAt < 0) {
            fill();
            scan();
        }
        return contentEnd - head;
    }

    /**
     * Returns how many content bytes can be taken without reading the body.
     */
    int contentBuffered() {
        return contentEnd - head;
    }

    /**
     * Copies {@code length} content bytes, at most {@link #contentAvailable()}, and consumes them.
     */
    void takeContent(byte[] target, int offset, int length) {
        System.arraycopy(buffer, head, target, offset, length);
        head += length;
    }

    /**
     * Consumes {@code length} content bytes, at most {@link #contentAvailable()}.
     */
    void skipContent(int length) {
        head += length;
    }

    /**
     * Consumes the delimiter line that follows the content, once {@link #contentAvailable()} is
     * 0, and starts looking for the next one.
     *
     * @return false when it was the close delimiter
     */
    boolean passDelimiter() {
        head = lineEnd;
        delimiterAt = -1;
        startContent();
        return !closeDelimiter;
    }

    /**
     * Marks the next byte as the start of content, after a part's headers.
     */
    void startContent() {
        contentEnd = head;
        scanFrom = head;
    }

    /**
     * Consumes and returns the next byte, for reading a part's headers.
     *
     * @throws MalformedMultipartException if the body ends
     */
    byte takeByte() throws IOException {
        while (head == tail) {
            fill();
        }
        return buffer[head++];
    }

    private static byte[] delimiterOf(byte[] boundary) {
        byte[] delimiter = new byte[boundary.length + 4];
        delimiter[0] = '\r';
        delimiter[1] = '\n';
        delimiter[2] = '-';
        delimiter[3] = '-';
        System.arraycopy(boundary, 0, delimiter, 4, boundary.length);
        return delimiter;
    }

    // Looks for the next delimiter in the bytes not yet searched and moves contentEnd up to it, or
    // up to where a delimiter could still begin.
    private void scan() throws MalformedMultipartException {
        while (delimiterAt < 0) {
            int at = search.find(buffer, scanFrom, tail);
            if (at < 0) {
                scanFrom = Math.max(scanFrom, tail - search.length() + 1);
                contentEnd = scanFrom;
                return;
            }

            int end = delimiterLineEnd(at + search.length());
            if (end == NOT_A_DELIMITER) {
                scanFrom = at + 1;
                continue;
            }
            contentEnd = at;
            scanFrom = at;
            if (end != UNDECIDED) {
                delimiterAt = at;
                lineEnd = end;
            }
            return;
        }
    }

    // Returns the index after the line of the delimiter whose boundary ends at `at`, and notes
    // whether it is the close delimiter. Returns NOT_A_DELIMITER when the bytes after the boundary
    // make it content, and UNDECIDED when those bytes are still to be read.
    private int delimiterLineEnd(int at) throws MalformedMultipartException {
        if (at == tail) {
            return undecided();
        }
        if (buffer[at] == '-') {
            if (at + 1 == tail) {
                return undecided();
            }
            closeDelimiter = buffer[at + 1] == '-';
            return closeDelimiter ? at + 2 : NOT_A_DELIMITER;
        }

        int i = at;
        while (i < tail && (buffer[i] == ' ' || buffer[i] == '\t')) {
            i++;
        }
        if (i - at > MAX_TRANSPORT_PADDING) {
            throw new MalformedMultipartException("Boundary is followed by more than " + MAX_TRANSPORT_PADDING + " spaces or tabs");
        }
        if (i == tail) {
            return undecided();
        }
        if (buffer[i] == '\n') {
            return i + 1;
        }
        if (buffer[i] != '\r') {
            return NOT_A_DELIMITER;
        }
        if (i + 1 == tail) {
            return undecided();
        }
        return buffer[i + 1] == '\n' ? i + 2 : NOT_A_DELIMITER;
    }

    private int undecided() throws MalformedMultipartException {
        if (endOfBody) {
            throw new MalformedMultipartException("Body ends inside a delimiter line");
        }
        return UNDECIDED;
    }

    // Moves the unconsumed bytes to the start of the buffer and reads once from the body into the
    // rest, counting the bytes against storage.upload.max-request-size.
    private void fill() throws IOException {
        if (endOfBody) {
            throw new MalformedMultipartException("Body ends before its close delimiter");
        }
        compact();
        if (tail == buffer.length) {
            throw new IllegalStateException("Multipart buffer is full of bytes not yet known to be content");
        }

        // One byte past the limit shows that the body crosses it.
        int length = (int) Math.min(buffer.length - tail - 1, maxBodySize - bodyBytes) + 1;
        int n = body.read(buffer, tail, length);
        if (n < 0) {
            endOfBody = true;
            return;
        }
        tail += n;
        bodyBytes += n;
        if (bodyBytes > maxBodySize) {
            throw new MultipartLimitException("Request body is larger than " + maxBodySize + " bytes (storage.upload.max-request-size): send a smaller file");
        }
    }

    private void compact() {
        if (head == 0) {
            return;
        }
        System.arraycopy(buffer, head, buffer, 0, tail - head);
        tail -= head;
        contentEnd -= head;
        scanFrom -= head;
        if (delimiterAt >= 0) {
            delimiterAt -= head;
            lineEnd -= head;
        }
        head = 0;
    }
}
