package dev.tracks.storage.sample;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A stream of {@code length} pseudo-random bytes from a fixed seed, generated as it is read and
 * hashed with MD5 on the way, so a test can send a file of any size without keeping it in memory
 * or on disk.
 */
final class GeneratedContent extends InputStream {

    private final long length;
    private final MessageDigest md5;
    private long position;
    private long state;

    GeneratedContent(long length, long seed) {
        this.length = length;
        this.state = seed == 0 ? 1 : seed;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }

    @Override
    public int read() {
        byte[] single = new byte[1];
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (position >= length) {
            return -1;
        }

        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = nextByte();
        }
        md5.update(buffer, offset, n);

        position += n;
        return n;
    }

    /**
     * Returns the base64 MD5 of the bytes read so far and resets the digest, so call it once,
     * after the stream is read to the end.
     */
    String md5Base64() {
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    /**
     * Returns how many bytes were read.
     */
    long bytesRead() {
        return position;
    }

    // xorshift64: fast and deterministic, and its bytes do not compress, so no layer can shortcut them.
    private byte nextByte() {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return (byte) state;
    }
}
