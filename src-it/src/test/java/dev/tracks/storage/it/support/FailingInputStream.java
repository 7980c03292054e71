package dev.tracks.storage.it.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload whose connection breaks: it delivers the first bytes of its content, then every read
 * fails with an {@link IOException}.
 */
public final class FailingInputStream extends InputStream {

    /** The message of the injected failure, so tests can find it in a cause chain. */
    public static final String FAILURE = "connection reset by the test";

    private final InputStream delivered;

    /**
     * Creates a stream that fails after {@code failAfter} bytes of {@code content}.
     */
    public FailingInputStream(byte[] content, int failAfter) {
        this.delivered = new ByteArrayInputStream(content, 0, failAfter);
    }

    @Override
    public int read() throws IOException {
        int next = delivered.read();
        if (next == -1) {
            throw new IOException(FAILURE);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = delivered.read(buffer, offset, length);
        if (n == -1) {
            throw new IOException(FAILURE);
        }
        return n;
    }
}
