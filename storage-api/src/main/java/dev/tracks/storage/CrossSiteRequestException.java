package dev.tracks.storage;

/**
 * Thrown when a state-changing request (an upload, a signing, a delete) comes from a page of
 * another site, which a browser would send with the signed-in user's credentials. Maps to 403.
 */
public class CrossSiteRequestException extends StorageException {

    private static final long serialVersionUID = 1L;

    public CrossSiteRequestException(String message) {
        super(message);
    }
}
