package dev.tracks.storage.service;

import dev.tracks.storage.Blob;

/**
 * Fired when a server-side upload is stored inside a transaction; {@link RollbackCleanup} purges
 * the blob if that transaction rolls back while no owner has it, so a failed save that received a
 * form upload leaves no stray file.
 *
 * @param blob the stored blob
 */
public record BlobStored(Blob blob) {
}
