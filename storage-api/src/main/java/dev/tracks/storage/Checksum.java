package dev.tracks.storage;

import java.util.Base64;

/**
 * The MD5 digest of a blob's bytes, kept in base64 because that is what S3's {@code Content-MD5}
 * header, GCS and the Rails direct-upload client exchange.
 *
 * <p>MD5 here detects accidental corruption in transit; it is not a defence against an attacker
 * who chooses the bytes.
 *
 * @param base64 24 characters of standard base64 that decode to 16 bytes
 */
public record Checksum(String base64) {

    private static final int MD5_LENGTH = 16;

    /**
     * Checks the encoding.
     *
     * @throws IllegalArgumentException if the value is not the base64 form of a 16-byte digest
     */
    public Checksum {
        if (base64 == null || base64.length() != 24 || decodedLength(base64) != MD5_LENGTH || !isCanonical(base64)) {
            throw new IllegalArgumentException("Checksum '" + base64 + "' is invalid: send the base64 of the 16-byte MD5"
                    + " digest (24 characters, such as '1B2M2Y8AsgTpgAmY7PhCfg==')");
        }
    }

    /**
     * Wraps a raw 16-byte MD5 digest.
     */
    public static Checksum ofMd5(byte[] digest) {
        return new Checksum(Base64.getEncoder().encodeToString(digest));
    }

    /**
     * Returns the raw digest bytes.
     */
    public byte[] bytes() {
        return Base64.getDecoder().decode(base64);
    }

    /**
     * Returns the digest as lowercase hex, the form S3 uses in ETags of single-part uploads.
     */
    public String hex() {
        StringBuilder hex = new StringBuilder(32);
        for (byte b : bytes()) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Override
    public String toString() {
        return base64;
    }

    // "…RB==" decodes to the same bytes as "…RA==": only the spelling an encoder writes is
    // accepted, so equal digests always have equal strings.
    private static boolean isCanonical(String base64) {
        return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(base64)).equals(base64);
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
    }
}
