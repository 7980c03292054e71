package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.ContentDisposition;
import java.util.Set;

/**
 * Decides how a blob is presented to a browser, so an uploaded file cannot run script in the
 * application's origin.
 *
 * <p>Only types a browser renders without running code are served inline; everything else is an
 * attachment. A blob keeps its own {@code Content-Type} only when that type is on a list of types
 * that cannot carry script (images other than SVG, audio, video, fonts, PDF, plain text and
 * common document and archive formats); every other type, including the many legacy names for
 * JavaScript and every HTML or XML type, is served as {@code application/octet-stream}, which
 * {@code X-Content-Type-Options: nosniff} keeps browsers from executing or rendering.
 */
final class ServingPolicy {

    private static final String BINARY = "application/octet-stream";

    private static final Set<String> INLINE_TYPES = Set.of(
            "image/png", "image/gif", "image/jpeg", "image/webp", "image/avif", "image/bmp", "image/tiff",
            "image/vnd.microsoft.icon", "application/pdf", "text/plain",
            "audio/mpeg", "audio/ogg", "audio/wav", "audio/webm", "video/mp4", "video/webm", "video/ogg");

    private static final Set<String> SAFE_PREFIXES = Set.of("image/", "audio/", "video/", "font/");

    private static final Set<String> SAFE_TYPES = Set.of(
            "application/pdf", "text/plain", "text/csv", "application/json", "application/zip", "application/gzip",
            "application/x-tar", "application/x-7z-compressed", "application/msword", "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint", "application/rtf");

    private static final Set<String> SAFE_VENDOR_PREFIXES = Set.of(
            "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.");

    private ServingPolicy() {
    }

    static ContentDisposition dispositionFor(Blob blob, ContentDisposition.Type requested) {
        boolean inline = requested == ContentDisposition.Type.INLINE && INLINE_TYPES.contains(blob.contentType());
        return new ContentDisposition(inline ? ContentDisposition.Type.INLINE : ContentDisposition.Type.ATTACHMENT, blob.filename());
    }

    static String servedType(Blob blob) {
        return isSafe(blob.contentType()) ? blob.contentType() : BINARY;
    }

    private static boolean isSafe(String type) {
        if (type.equals("image/svg+xml") || type.endsWith("+xml")) {
            return false;
        }
        return SAFE_TYPES.contains(type)
                || SAFE_PREFIXES.stream().anyMatch(type::startsWith)
                || SAFE_VENDOR_PREFIXES.stream().anyMatch(type::startsWith);
    }
}
