package dev.tracks.storage;

/**
 * What a driver reports about an object it holds.
 *
 * @param key where the object lives
 * @param byteSize its length in bytes
 */
public record StoredObject(StorageKey key, long byteSize) {
}
