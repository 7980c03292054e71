package dev.tracks.storage.driver.disk;

import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;

/**
 * The permission a verified upload token grants: writing one object that matches the declared
 * content.
 *
 * @param key where the object goes
 * @param constraints the content type, size and checksum the body must have
 */
public record UploadGrant(StorageKey key, UploadConstraints constraints) {
}
