package dev.tracks.storage.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps a request body and remembers the first read failure, so that when a driver reports a
 * failed write the caller can tell a client that broke off or crossed a limit (4xx) from a store
 * that failed (5xx).
 */
final class RequestBody extends FilterInputStream {

    private IOException failure;

    RequestBody(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    /**
     * Returns the first exception a read threw, or null when every read succeeded.
     */
    IOException failure() {
        return failure;
    }

    @Override
    public void close() {
        // The container owns the request stream.
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
