package dev.tracks.storage.content;

import dev.tracks.storage.io.LimitedInputStream;
import java.io.InputStream;

/**
 * Shows a detector only the first bytes of a stream and keeps it from closing the real one, so
 * detection reads a bounded prefix and can never consume the upload.
 */
final class PrefixInputStream extends LimitedInputStream {

    PrefixInputStream(InputStream in, int limit) {
        super(in, limit);
    }

    @Override
    public void close() {
        // The caller owns the real stream.
    }
}
