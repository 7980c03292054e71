package dev.tracks.storage.io;

import dev.tracks.storage.Checksum;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.UploadTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes the MD5 and byte count of a stream while a driver reads it, so an upload is hashed in
 * the same pass that stores it and never read twice.
 *
 * <p>Built with {@link #atMost}, the stream stops an upload that grows past a limit. Built with
 * {@link #expecting}, it enforces a declared size and checksum: it
 * throws {@link IntegrityException} as soon as more bytes arrive than declared, and at the end of
 * the stream if the size or checksum differs. A driver that gets the exception abandons its write,
 * so a body that does not match its declaration is never published.
 */
public final class ChecksumInputStream extends FilterInputStream {

    private final MessageDigest md5 = newMd5();
    private final long expectedSize;
    private final Checksum expectedChecksum;
    private final long maxSize;
    private long byteSize;
    private boolean ended;
    private Checksum checksum;

    private ChecksumInputStream(InputStream in, long expectedSize, Checksum expectedChecksum, long maxSize) {
        super(in);
        this.expectedSize = expectedSize;
        this.expectedChecksum = expectedChecksum;
        this.maxSize = maxSize;
    }

    /**
     * Wraps a stream of unknown size and content.
     */
    public static ChecksumInputStream of(InputStream in) {
        return new ChecksumInputStream(in, -1, null, Long.MAX_VALUE);
    }

    /**
     * Wraps a stream of unknown content that may deliver at most {@code maxSize} bytes; one byte
     * more throws {@link UploadTooLargeException}.
     */
    public static ChecksumInputStream atMost(InputStream in, long maxSize) {
        return new ChecksumInputStream(in, -1, null, maxSize);
    }

    /**
     * Wraps a stream that must deliver exactly {@code byteSize} bytes with MD5 {@code checksum}.
     */
    public static ChecksumInputStream expecting(InputStream in, long byteSize, Checksum checksum) {
        return new ChecksumInputStream(in, byteSize, checksum, Long.MAX_VALUE);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n == -1) {
            end();
            return -1;
        }

        md5.update(buffer, offset, n);
        byteSize += n;
        if (expectedSize >= 0 && byteSize > expectedSize) {
            throw new IntegrityException("Upload is longer than its declared byte_size of " + expectedSize
                    + " bytes: send exactly the declared bytes");
        }
        if (byteSize > maxSize) {
            throw new UploadTooLargeException("file", "Upload is larger than the limit of " + maxSize + " bytes: send a smaller file",
                    null);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        // Skipped bytes would be missing from the checksum, so they are read instead.
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // Not supported: a reset would hash the same bytes twice.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("ChecksumInputStream does not support mark and reset");
    }

    /**
     * Returns the number of bytes read so far.
     */
    public long byteSize() {
        return byteSize;
    }

    /**
     * Returns the MD5 of everything read; call it once the stream has been read to the end.
     *
     * @throws IllegalStateException if the stream has not reached its end
     */
    public Checksum checksum() {
        if (!ended) {
            throw new IllegalStateException("Checksum requested before the stream reached its end");
        }
        return checksum;
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        checksum = Checksum.ofMd5(md5.digest());

        if (expectedSize >= 0 && byteSize != expectedSize) {
            throw new IntegrityException("Upload has " + byteSize + " bytes but its declared byte_size is " + expectedSize
                    + ": send exactly the declared bytes");
        }
        if (expectedChecksum != null && !expectedChecksum.equals(checksum)) {
            throw new IntegrityException("Upload's MD5 is " + checksum + " but its declared checksum is " + expectedChecksum
                    + ": send the bytes the checksum was computed from");
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no MD5 digest, which every Java platform must provide", e);
        }
    }
}
