package dev.tracks.storage.web;

import java.io.ByteArrayInputStream;
import java.util.Random;

/**
 * A body that arrives in reads of random size, as from a network: most reads return a few bytes,
 * some up to {@code maxRead}, so delimiters and headers are split at every kind of offset.
 */
final class ChunkedInputStream extends ByteArrayInputStream {

    private final Random random;
    private final int maxRead;

    ChunkedInputStream(byte[] body, Random random, int maxRead) {
        super(body);
        this.random = random;
        this.maxRead = maxRead;
    }

    @Override
    public synchronized int read(byte[] target, int offset, int length) {
        return super.read(target, offset, Math.min(length, nextReadSize()));
    }

    private int nextReadSize() {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(Math.min(maxRead, 8));
            case 1 -> 1 + random.nextInt(Math.min(maxRead, 512));
            default -> 1 + random.nextInt(maxRead);
        };
    }
}
