package dev.tracks.storage.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the boundary of a {@code multipart/form-data} request from its {@code Content-Type}.
 *
 * <p>RFC 2046 allows 1 to 70 characters: letters, digits, {@code '()+_,-./:=?} and spaces, but
 * not a space at the end. The value may be quoted. Anything else is rejected: the parser relies
 * on a boundary that contains no CR or LF and is at most 70 bytes long.
 */
final class MultipartBoundary {

    static final int MAX_LENGTH = 70;

    private static final String FORM_DATA = "multipart/form-data";
    private static final String PUNCTUATION = "'()+_,-./:=? ";

    private MultipartBoundary() {
    }

    /**
     * Returns whether {@code contentType}'s media type is {@code multipart/form-data}, in any case.
     */
    static boolean isFormData(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.trim().toLowerCase(Locale.ROOT).equals(FORM_DATA);
    }

    /**
     * Returns the boundary's bytes, or empty when {@code contentType} has no valid one.
     */
    static Optional<byte[]> of(String contentType) {
        try {
            return HeaderParameters.parse(contentType).get("boundary")
                    .filter(MultipartBoundary::isValid)
                    .map(boundary -> boundary.getBytes(StandardCharsets.US_ASCII));
        } catch (MalformedMultipartException e) {
            return Optional.empty();
        }
    }

    private static boolean isValid(String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_LENGTH || boundary.endsWith(" ")) {
            return false;
        }
        return boundary.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || PUNCTUATION.indexOf(c) >= 0));
    }
}
