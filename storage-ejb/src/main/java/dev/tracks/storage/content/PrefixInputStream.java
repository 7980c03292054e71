package dev.tracks.storage.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Shows a detector only the first bytes of a stream and keeps it from closing the real one, so
 * detection reads a bounded prefix and can never consume the upload. Mark and reset pass through
 * to the real stream, and the limit is rewound with them.
 */
final class PrefixInputStream extends FilterInputStream {

    private int remaining;
    private int remainingAtMark;

    PrefixInputStream(InputStream in, int limit) {
        super(in);
        this.remaining = limit;
        this.remainingAtMark = limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b != -1) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(buffer, offset, Math.min(length, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.max(0, Math.min(n, remaining)));
        remaining -= (int) skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return in.markSupported();
    }

    @Override
    public synchronized void mark(int readLimit) {
        remainingAtMark = remaining;
        in.mark(Math.min(readLimit, remaining));
    }

    @Override
    public synchronized void reset() throws IOException {
        in.reset();
        remaining = remainingAtMark;
    }

    @Override
    public void close() {
        // The caller owns the real stream.
    }
}
