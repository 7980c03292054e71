package dev.tracks.storage.service;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a client's media type claim, keeping only {@code type/subtype} and dropping parameters.
 */
final class MediaTypes {

    // RFC 6838 restricted names, so a stored type can always be sent back as a header.
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private MediaTypes() {
    }

    /**
     * Returns the lowercase {@code type/subtype} of {@code value}, or empty when it is not a
     * well-formed media type.
     */
    static Optional<String> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String base = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return TYPE.matcher(base).matches() ? Optional.of(base) : Optional.empty();
    }
}
