package dev.tracks.storage.signing;

/**
 * What a signed token allows. The purpose is part of the signed payload, so a token issued for one
 * purpose fails verification for every other: a download URL cannot be replayed as an upload.
 */
public enum TokenPurpose {

    /** Read one object through the disk endpoint. */
    DOWNLOAD("download"),

    /** Write one object of declared type, size and checksum through the disk endpoint. */
    UPLOAD("upload"),

    /** Refer to one blob of one tenant in forms and URLs instead of its raw id. */
    BLOB_ID("blob_id");

    private final String claim;

    TokenPurpose(String claim) {
        this.claim = claim;
    }

    /**
     * Returns the value written into tokens, such as {@code download}.
     */
    public String claim() {
        return claim;
    }
}
