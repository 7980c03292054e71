package dev.tracks.storage.service;

import dev.tracks.storage.StorageKey;

/**
 * Fired when a row no longer needs its object; {@link ObjectCleanup} deletes the object once the
 * transaction that removed the row has committed.
 *
 * @param key the object to delete
 * @param byteSize its size, for the log
 */
public record ObjectReleased(StorageKey key, long byteSize) {
}
