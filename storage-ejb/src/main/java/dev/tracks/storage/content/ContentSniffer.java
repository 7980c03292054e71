package dev.tracks.storage.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Detects a blob's media type with Apache Tika from the first bytes of its content and its
 * filename. The detected type wins over what the client declared, because a client's
 * {@code Content-Type} and file extension are only claims.
 *
 * <p>Tika reads at most {@link #PREFIX_LENGTH} bytes and rewinds, so the stream must support
 * {@code mark}/{@code reset} with at least that limit; nothing beyond the prefix is buffered.
 */
public final class ContentSniffer {

    /** Bytes Tika examines; its magic patterns look no further. */
    public static final int PREFIX_LENGTH = 64 * 1024;

    private static final String FALLBACK = "application/octet-stream";

    private final Detector detector = new DefaultDetector();
    private final MediaTypeRegistry registry = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();

    /**
     * Returns the media type of {@code content}, such as {@code application/pdf}, leaving the
     * stream positioned where it was.
     *
     * @param content the upload, supporting mark and reset over {@link #PREFIX_LENGTH} bytes
     * @param filename the client's filename, a hint for formats without magic bytes; may be null
     */
    public String detect(InputStream content, String filename) {
        if (!content.markSupported()) {
            throw new IllegalArgumentException("ContentSniffer needs a stream that supports mark and reset, such as a BufferedInputStream");
        }
        Metadata metadata = new Metadata();
        if (filename != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }

        MediaType type = detectRewinding(content, metadata);

        return type == null ? FALLBACK : type.getBaseType().toString();
    }

    /**
     * Returns whether a client's declared type agrees with the detected one: equal, or a
     * specialization of it (a declared {@code text/csv} for detected {@code text/plain}, a
     * declared DOCX for a detected ZIP). When Tika finds nothing more specific than
     * {@code application/octet-stream}, the content cannot contradict any claim.
     */
    public boolean agrees(String declared, String detected) {
        MediaType declaredType = MediaType.parse(declared);
        MediaType detectedType = MediaType.parse(detected);
        if (declaredType == null || detectedType == null) {
            return false;
        }
        return detectedType.equals(MediaType.OCTET_STREAM)
                || declaredType.getBaseType().equals(detectedType.getBaseType())
                || registry.isSpecializationOf(registry.normalize(declaredType), registry.normalize(detectedType));
    }

    // Tika 3.x marks and resets the stream itself; marking again here makes the rewind hold even
    // if a later Tika stops doing so.
    private MediaType detectRewinding(InputStream content, Metadata metadata) {
        content.mark(PREFIX_LENGTH + 1);
        try {
            return detector.detect(new PrefixInputStream(content, PREFIX_LENGTH), metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the start of the upload to detect its content type", e);
        } finally {
            reset(content);
        }
    }

    private static void reset(InputStream content) {
        try {
            content.reset();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewind the upload after detecting its content type", e);
        }
    }
}
