package dev.tracks.storage.driver.disk;

import dev.tracks.storage.StorageKey;
import java.time.Instant;

/**
 * The permission a verified download token grants: reading one object with the response headers it
 * was signed with.
 *
 * @param key the object to serve
 * @param contentType the {@code Content-Type} of the response
 * @param disposition the {@code Content-Disposition} header value of the response
 * @param expiresAt when the token stops working, which also bounds how long a client may cache
 */
public record DownloadGrant(StorageKey key, String contentType, String disposition, Instant expiresAt) {
}
