package dev.tracks.storage.service;

import dev.tracks.storage.InvalidInputException;
import java.text.Normalizer;

/**
 * A client's filename, cleaned for storage and display: the last path segment only (some browsers
 * send {@code C:\Users\…\photo.png}), no control or text-direction characters, NFC-normalized, at most
 * {@link #MAX_LENGTH} characters. It is kept for {@code Content-Disposition} only and never becomes
 * part of a key or a path.
 *
 * @param value the cleaned name
 */
record Filename(String value) {

    static final int MAX_LENGTH = 255;

    /**
     * Cleans {@code raw}.
     *
     * @throws InvalidInputException if nothing is left, or the name is longer than {@link #MAX_LENGTH}
     */
    static Filename of(String raw) {
        String name = raw == null ? "" : raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC).codePoints()
                .filter(c -> !Character.isISOControl(c) && !isBidiControl(c) && !isInvisible(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();

        if (name.isEmpty()) {
            throw new InvalidInputException("filename", "filename is blank: send the file's name, such as 'report.pdf'");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidInputException("filename", "filename '" + name + "' names no file: send the file's name, such as"
                    + " 'report.pdf'");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidInputException("filename", "filename is " + name.length() + " UTF-16 code units long: the maximum is "
                    + MAX_LENGTH + " (an emoji counts as two); shorten it");
        }
        return new Filename(name);
    }

    // Zero-width spaces and the byte order mark hide characters in a name. Zero-width joiners stay:
    // emoji sequences and several scripts need them.
    private static boolean isInvisible(int c) {
        return c == 0x200B || c == 0xFEFF || c == 0x2060 || c == 0x180E;
    }

    // Direction overrides can make "invoice\u202Egpj.exe" display as "invoiceexe.jpg".
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
