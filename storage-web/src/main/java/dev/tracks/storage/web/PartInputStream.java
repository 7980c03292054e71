package dev.tracks.storage.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The content of one part of a {@link MultipartStream}. A read returns as many bytes as lie before
 * the next possible delimiter in the parser's buffer, up to the length requested, so a consumer
 * that requests large reads gets them. Reading more than {@code storage.upload.max-file-size}
 * bytes throws {@link MultipartLimitException}.
 */
final class PartInputStream extends InputStream {

    private final MultipartStream multipart;
    private final long maxSize;
    private long count;

    PartInputStream(MultipartStream multipart, long maxSize) {
        this.multipart = multipart;
        this.maxSize = maxSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }

        int n = multipart.read(this, target, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long length) throws IOException {
        if (length <= 0) {
            return 0;
        }

        long n = multipart.skip(this, length);
        count(n);
        return n;
    }

    @Override
    public int available() {
        return multipart.available(this);
    }

    private void count(long n) throws MultipartLimitException {
        count += n;
        if (count > maxSize) {
            throw new MultipartLimitException("Part is larger than " + maxSize + " bytes (storage.upload.max-file-size): send a smaller file");
        }
    }
}
