package dev.tracks.storage.config;

import java.util.Locale;

/**
 * The way {@code GET /api/storage/blobs/{signed_id}} delivers a blob.
 */
public enum ServingMode {

    /** Respond 302 with a fresh signed URL, so the client downloads from the store itself. */
    REDIRECT,

    /** Stream the bytes through the application, for stores that must not be reachable by clients. */
    PROXY;

    static ServingMode parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
