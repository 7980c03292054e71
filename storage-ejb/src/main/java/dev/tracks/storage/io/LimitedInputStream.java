package dev.tracks.storage.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a stream after a fixed number of bytes, so a ranged read returns exactly its range and a
 * detector reads only a prefix. Mark and reset pass through to the wrapped stream, and the limit is
 * rewound with them.
 */
public class LimitedInputStream extends FilterInputStream {

    private long remaining;
    private long remainingAtMark;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.remaining = limit;
        this.remainingAtMark = limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = super.read();
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
        int n = super.read(buffer, offset, (int) Math.min(length, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.max(0, Math.min(n, remaining)));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), remaining);
    }

    @Override
    public synchronized void mark(int readLimit) {
        remainingAtMark = remaining;
        super.mark((int) Math.min(readLimit, remaining));
    }

    @Override
    public synchronized void reset() throws IOException {
        super.reset();
        remaining = remainingAtMark;
    }
}
