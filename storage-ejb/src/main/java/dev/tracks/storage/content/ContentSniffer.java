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
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Detects a blob's media type with Apache Tika from the first bytes of its content and its
 * filename. The detected type wins over what the client declared, because a client's
 * {@code Content-Type} and file extension are only claims. A claim is kept only where the bytes
 * cannot refute it: for a format without a byte signature, such as CSV or JSON.
 *
 * <p>Tika reads at most {@link #PREFIX_LENGTH} bytes and rewinds, so the stream must support
 * {@code mark}/{@code reset} with at least that limit; nothing beyond the prefix is buffered.
 */
public final class ContentSniffer {

    /** Bytes Tika examines; its magic patterns look no further. */
    public static final int PREFIX_LENGTH = 64 * 1024;

    private final Detector detector = new DefaultDetector();
    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = types.getMediaTypeRegistry();

    /**
     * Returns the media type of {@code content}, such as {@code application/pdf}, leaving the
     * stream positioned where it was. The filename may refine what the bytes show (CSV among
     * plain text, DOCX among ZIP archives) or name a format that has no byte signature. It never
     * makes bytes that lack a format's signature into that format: random bytes named
     * {@code photo.png} are {@code application/octet-stream}.
     *
     * @param content the upload, supporting mark and reset over {@link #PREFIX_LENGTH} bytes
     * @param filename the client's filename, a hint for formats without magic bytes; may be null
     */
    public String detect(InputStream content, String filename) {
        if (!content.markSupported()) {
            throw new IllegalArgumentException("ContentSniffer needs a stream that supports mark and reset, such as a BufferedInputStream");
        }

        MediaType byBytes = orFallback(detectRewinding(content, new Metadata()));
        MediaType byName = filename == null ? byBytes : orFallback(detectRewinding(content, named(filename)));

        return (trustsName(byBytes, byName) ? byName : byBytes).getBaseType().toString();
    }

    /**
     * Returns whether a client's declared type agrees with the detected one: equal, or a
     * specialization of it (a declared {@code text/csv} for detected {@code text/plain}, a
     * declared DOCX for a detected ZIP). Content Tika cannot identify agrees only with a declared
     * type that has no byte signature: bytes without the PNG signature are not a PNG.
     */
    public boolean agrees(String declared, String detected) {
        MediaType declaredType = MediaType.parse(declared);
        MediaType detectedType = MediaType.parse(detected);
        if (declaredType == null || detectedType == null) {
            return false;
        }
        if (declaredType.getBaseType().equals(detectedType.getBaseType())) {
            return true;
        }
        // Tika counts every type as a specialization of octet-stream, so that case comes first.
        return detectedType.equals(MediaType.OCTET_STREAM) ? !hasSignature(declaredType) : refines(declaredType, detectedType);
    }

    /**
     * Returns whether Tika has a byte signature for {@code type}, so that content which does
     * not show it is not of that type. Unknown and malformed types have none.
     */
    public boolean hasSignature(String type) {
        MediaType parsed = MediaType.parse(type);
        return parsed != null && hasSignature(parsed);
    }

    private boolean hasSignature(MediaType type) {
        try {
            // getRegisteredMimeType, unlike forName, never registers a client's invented type.
            MimeType registered = types.getRegisteredMimeType(type.getBaseType().toString());
            return registered != null && registered.hasMagic();
        } catch (MimeTypeException e) {
            return false;
        }
    }

    // The name may refine what the bytes show, or name a format whose bytes have no signature.
    private boolean trustsName(MediaType byBytes, MediaType byName) {
        boolean refinesBytes = !byBytes.equals(MediaType.OCTET_STREAM) && refines(byName, byBytes);
        return byName.equals(byBytes) || refinesBytes || !hasSignature(byName);
    }

    private boolean refines(MediaType specific, MediaType general) {
        return registry.isSpecializationOf(registry.normalize(specific), registry.normalize(general));
    }

    private static Metadata named(String filename) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        return metadata;
    }

    private static MediaType orFallback(MediaType type) {
        return type == null ? MediaType.OCTET_STREAM : type;
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
