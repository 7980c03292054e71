package dev.tracks.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A URL that grants one kind of access to one object until it expires.
 *
 * <p>It is a bearer credential: log the key and the expiry, never the URL.
 *
 * @param uri the URL; relative to the application's root when the application serves the object
 *     itself (the disk driver), absolute otherwise
 * @param expiresAt when the URL stops working
 * @param headers the request headers a client must send with it unchanged, such as
 *     {@code Content-Type} and {@code Content-MD5} for an upload; empty for downloads
 */
public record SignedUrl(URI uri, Instant expiresAt, Map<String, String> headers) {

    public SignedUrl {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(expiresAt, "expiresAt");
        headers = Map.copyOf(headers);
    }

    /**
     * Resolves a relative URL against the application's root, such as
     * {@code https://example.com/app/}; absolute URLs are returned unchanged.
     */
    public SignedUrl resolveAgainst(URI applicationRoot) {
        return new SignedUrl(applicationRoot.resolve(uri), expiresAt, headers);
    }

    @Override
    public String toString() {
        return "SignedUrl[expiresAt=" + expiresAt + ", uri=(not shown: a bearer credential)]";
    }
}
