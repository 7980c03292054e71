package dev.tracks.storage.service;

import dev.tracks.storage.Blob;

/**
 * Fired when a blob is attached inside a transaction; {@link RollbackCleanup} purges the blob if
 * that transaction rolls back, so a failed save leaves no stray file.
 *
 * @param blob the attached blob
 */
public record AttachmentMade(Blob blob) {
}
