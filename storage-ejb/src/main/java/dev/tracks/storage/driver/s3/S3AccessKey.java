package dev.tracks.storage.driver.s3;

/**
 * A static AWS access key: an access key ID and its secret access key.
 *
 * <p>{@link #toString()} shows neither part, so settings can be logged without leaking the key.
 *
 * @param id the access key ID, such as {@code AKIA…}
 * @param secret the secret access key
 */
public record S3AccessKey(String id, String secret) {

    /**
     * Checks that both parts are present.
     *
     * @throws IllegalArgumentException if either part is missing or blank
     */
    public S3AccessKey {
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("An S3 access key needs both an access key ID and a secret access key");
        }
    }

    @Override
    public String toString() {
        return "S3AccessKey[(not shown)]";
    }
}
