package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.ContentDisposition;
import java.util.Set;

/**
 * Decides how a blob is presented to a browser, so an uploaded file cannot run script in the
 * application's origin.
 *
 * <p>Only types a browser renders without running code are served inline; everything else is an
 * attachment. Types that can carry script (HTML, SVG, XML, JavaScript) are also served as
 * {@code application/octet-stream}, so even a direct visit does not render them.
 */
final class ServingPolicy {

    private static final Set<String> INLINE_TYPES = Set.of(
            "image/png", "image/gif", "image/jpeg", "image/webp", "image/avif", "image/bmp", "image/tiff",
            "image/vnd.microsoft.icon", "application/pdf", "text/plain",
            "audio/mpeg", "audio/ogg", "audio/wav", "audio/webm", "video/mp4", "video/webm", "video/ogg");

    private static final Set<String> BINARY_TYPES = Set.of(
            "text/html", "application/xhtml+xml", "image/svg+xml", "application/xml", "text/xml",
            "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript");

    private ServingPolicy() {
    }

    static ContentDisposition dispositionFor(Blob blob, ContentDisposition.Type requested) {
        boolean inline = requested == ContentDisposition.Type.INLINE && INLINE_TYPES.contains(blob.contentType());
        return new ContentDisposition(inline ? ContentDisposition.Type.INLINE : ContentDisposition.Type.ATTACHMENT, blob.filename());
    }

    static String servedType(Blob blob) {
        return BINARY_TYPES.contains(blob.contentType()) ? "application/octet-stream" : blob.contentType();
    }
}
