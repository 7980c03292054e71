package dev.tracks.storage;

/**
 * Thrown when a blob that a record has through an {@link Attachment} field is to be purged on its
 * own: the record would be left naming a missing blob. Detach it through the record instead.
 */
public class BlobAttachedException extends StorageException {

    private static final long serialVersionUID = 1L;

    public BlobAttachedException(String message) {
        super(message);
    }
}
