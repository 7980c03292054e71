package dev.tracks.storage.driver.disk;

import dev.tracks.storage.StorageKey;

/**
 * What a verified download token allows: reading one object with the response headers it was
 * signed with.
 *
 * @param key the object to serve
 * @param contentType the {@code Content-Type} of the response
 * @param disposition the {@code Content-Disposition} header value of the response
 */
public record DownloadGrant(StorageKey key, String contentType, String disposition) {
}
