package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.SignedUrl;

/**
 * A reserved direct upload: the pending blob, its signed id to hand back at finalize, and the URL
 * and headers the client uploads with.
 *
 * @param blob the pending blob
 * @param signedId the blob's signed id
 * @param upload the signed upload URL, possibly relative to the application's root
 */
public record DirectUpload(Blob blob, String signedId, SignedUrl upload) {
}
