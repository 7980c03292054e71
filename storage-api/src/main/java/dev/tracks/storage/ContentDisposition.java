package dev.tracks.storage;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * How a browser should present a downloaded blob: shown in place or saved under its filename.
 *
 * <p>{@link #headerValue()} follows RFC 6266: an ASCII {@code filename=} for old clients, and
 * {@code filename*=UTF-8''…} (RFC 8187) that carries any Unicode name exactly.
 *
 * @param type inline or attachment
 * @param filename the name to offer, as the client uploaded it; may be {@code null}
 */
public record ContentDisposition(Type type, String filename) {

    /** The two disposition types of RFC 6266. */
    public enum Type {
        /** Display the content in the browser where it can. */
        INLINE,
        /** Save the content as a file. */
        ATTACHMENT;

        /**
         * Parses {@code inline} or {@code attachment}, ignoring case.
         *
         * @throws IllegalArgumentException for any other value
         */
        public static Type parse(String value) {
            for (Type type : values()) {
                if (type.name().equalsIgnoreCase(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("Disposition '" + value + "' is invalid: use 'inline' or 'attachment'");
        }

        /** Returns the token used in the header: {@code inline} or {@code attachment}. */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ContentDisposition {
        Objects.requireNonNull(type, "type");
    }

    /**
     * Returns the {@code Content-Disposition} header value, such as
     * {@code attachment; filename="resume.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf}.
     */
    public String headerValue() {
        if (filename == null || filename.isBlank()) {
            return type.token();
        }
        return type.token() + "; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''" + percentEncode(filename);
    }

    // Strips accents, then replaces what a quoted-string cannot carry safely (non-ASCII, control
    // characters, quotes, backslashes, and '%' which some browsers decode) with '_'.
    private static String asciiFallback(String filename) {
        String decomposed = Normalizer.normalize(filename, Normalizer.Form.NFKD);
        StringBuilder ascii = new StringBuilder();
        decomposed.codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(c -> ascii.append(isQuotable(c) ? (char) c : '_'));
        return ascii.toString();
    }

    private static boolean isQuotable(int c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%';
    }

    // RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
    private static String percentEncode(String filename) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
