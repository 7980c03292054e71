package dev.tracks.storage.driver.s3;

import dev.tracks.storage.Checksum;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One part of an upload in memory. The buffer is refilled from the stream for each part, so an
 * upload of any size keeps at most one part in memory.
 *
 * <p>The array starts small and doubles up to the part size as bytes arrive, so a 10 KB upload
 * allocates about 64 KiB rather than a whole part.
 */
final class PartBuffer {

    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final int partSize;
    private byte[] bytes;
    private int length;

    PartBuffer(int partSize) {
        this.partSize = partSize;
        this.bytes = new byte[Math.min(INITIAL_CAPACITY, partSize)];
    }

    /**
     * Replaces the contents with the next bytes of {@code content}, reading until the buffer
     * contains a whole part or the stream ends.
     *
     * @return whether the stream reached its end. When it did not, the buffer contains a whole
     *     part and more bytes may follow.
     */
    boolean fill(InputStream content) throws IOException {
        length = 0;
        while (length < partSize) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, partSize));
            }
            int read = content.read(bytes, length, bytes.length - length);
            if (read == -1) {
                return true;
            }
            length += read;
        }
        return false;
    }

    int length() {
        return length;
    }

    /**
     * Returns the MD5 of the contents, sent as {@code Content-MD5} so the store rejects an object
     * that was corrupted on the way.
     */
    Checksum md5() {
        MessageDigest md5 = newMd5();
        md5.update(bytes, 0, length);
        return Checksum.ofMd5(md5.digest());
    }

    /**
     * Returns a request body that reads the contents without copying them. The SDK may read it
     * more than once to sign or retry, so the buffer must not be refilled until the request ends.
     * The body's media type is a placeholder: the object's type travels in the request.
     */
    RequestBody asRequestBody() {
        byte[] content = bytes;
        int contentLength = length;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, 0, contentLength), contentLength,
                "application/octet-stream");
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no MD5 digest, which every Java platform must provide", e);
        }
    }
}
