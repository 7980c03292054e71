package dev.tracks.storage.web;

import dev.tracks.storage.ByteRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status, headers and byte range of a response that serves an object's bytes, worked out
 * once for both the disk endpoint (a servlet) and proxy serving (JAX-RS).
 *
 * <p>Every such response carries {@code X-Content-Type-Options: nosniff}, a strong
 * {@code ETag} (blobs are immutable, so the key identifies the bytes) and
 * {@code Cache-Control: private}: content reached through a bearer URL must never sit in a shared
 * cache.
 *
 * @param status 200, 206, 304 or 416
 * @param headers the headers to set, in order
 * @param range the bytes to send for 206, or null
 * @param hasBody whether bytes follow
 */
record ObjectResponse(int status, Map<String, String> headers, ByteRange range, boolean hasBody) {

    /**
     * Plans the response to a {@code GET} with the request's conditional and range headers, any
     * of which may be null.
     */
    static ObjectResponse plan(ServedObject object, Conditions conditions) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", object.etag());
        headers.put("Accept-Ranges", "bytes");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "private, max-age=" + object.maxAgeSeconds());
        if (matchesAny(conditions.ifNoneMatch(), object.etag())) {
            return new ObjectResponse(304, headers, null, false);
        }

        // A Range with a stale If-Range validator gets the whole, current object (RFC 9110, 13.1.5).
        boolean rangeApplies = conditions.ifRange() == null || conditions.ifRange().strip().equals(object.etag());
        RangeHeader.Selection selection = RangeHeader.select(rangeApplies ? conditions.range() : null, object.byteSize());
        if (selection.kind() == RangeHeader.Kind.UNSATISFIABLE) {
            headers.put("Content-Range", "bytes */" + object.byteSize());
            return new ObjectResponse(416, headers, null, false);
        }
        headers.put("Content-Type", object.contentType());
        headers.put("Content-Disposition", object.disposition());
        if (selection.kind() == RangeHeader.Kind.WHOLE) {
            headers.put("Content-Length", Long.toString(object.byteSize()));
            return new ObjectResponse(200, headers, null, true);
        }

        ByteRange range = selection.range();
        headers.put("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + object.byteSize());
        headers.put("Content-Length", Long.toString(range.length()));
        return new ObjectResponse(206, headers, range, true);
    }

    // If-None-Match uses weak comparison: "*", or any listed tag, weak or strong, equal to ours.
    private static boolean matchesAny(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request headers that decide between 200, 206, 304 and 416.
     *
     * @param range the {@code Range} header, or null
     * @param ifRange the {@code If-Range} header, or null
     * @param ifNoneMatch the {@code If-None-Match} header, or null
     */
    record Conditions(String range, String ifRange, String ifNoneMatch) {
    }

    /**
     * The served object: its size and the headers it was signed or stored with.
     *
     * @param byteSize the object's length in bytes
     * @param contentType the {@code Content-Type} to send
     * @param disposition the {@code Content-Disposition} to send
     * @param etag the quoted entity tag
     * @param maxAgeSeconds how long a private cache may keep it
     */
    record ServedObject(long byteSize, String contentType, String disposition, String etag, long maxAgeSeconds) {
    }
}
