package dev.tracks.storage.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A header value of the form {@code value; name=token; name="quoted string"}, as
 * {@code Content-Type} and {@code Content-Disposition} carry it (RFC 2045, RFC 7578).
 *
 * <p>Parameter names are compared in lower case. A parameter given twice is rejected, because two
 * parsers could pick different copies. A backslash in a quoted string escapes the next character
 * only when that character would need it (a separator, a quote or a backslash): browsers send
 * backslashes in filenames unescaped, such as a full Windows path.
 *
 * @param value the value before the first {@code ;}, trimmed
 * @param parameters the parameters by lower-case name; a name without {@code =} maps to ""
 */
record HeaderParameters(String value, Map<String, String> parameters) {

    private static final String SEPARATORS = "()<>@,;:\\\"/[]?=";

    HeaderParameters {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses {@code header}.
     *
     * @throws MalformedMultipartException if a quoted string is not closed, text follows one
     *     before the next {@code ;}, or a parameter appears twice
     */
    static HeaderParameters parse(String header) throws MalformedMultipartException {
        Cursor cursor = new Cursor(header);
        String value = cursor.until(';').trim();

        Map<String, String> parameters = new LinkedHashMap<>();
        while (cursor.skip(';')) {
            String name = cursor.until('=', ';').trim().toLowerCase(Locale.ROOT);
            String parameter = cursor.skip('=') ? cursor.parameterValue() : "";
            if (!name.isEmpty() && parameters.put(name, parameter) != null) {
                throw new MalformedMultipartException("Header parameter '" + name + "' appears more than once");
            }
        }
        return new HeaderParameters(value, parameters);
    }

    /**
     * Returns the parameter named {@code name} (lower case), if present.
     */
    Optional<String> get(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    private static final class Cursor {

        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        // Returns the text up to the first of the stop characters or the end, and stops before it.
        String until(char... stops) {
            int start = position;
            while (position < text.length() && !isOneOf(text.charAt(position), stops)) {
                position++;
            }
            return text.substring(start, position);
        }

        boolean skip(char expected) {
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        String parameterValue() throws MalformedMultipartException {
            skipWhitespace();
            if (!skip('"')) {
                return until(';').trim();
            }

            String value = quotedString();
            skipWhitespace();
            if (position < text.length() && text.charAt(position) != ';') {
                throw new MalformedMultipartException("Header parameter has text after its closing quote");
            }
            return value;
        }

        // Reads up to the closing quote, which it consumes; the opening one is already consumed.
        private String quotedString() throws MalformedMultipartException {
            StringBuilder value = new StringBuilder();
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                // NOTE: a filename that ends in a backslash, sent unescaped as browsers send it, reads as
                // an escaped closing quote here, so its header is rejected as unclosed.
                if (c == '\\' && position < text.length() && SEPARATORS.indexOf(text.charAt(position)) >= 0) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            throw new MalformedMultipartException("Header parameter has a quoted string without its closing quote");
        }

        private void skipWhitespace() {
            while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
                position++;
            }
        }

        private static boolean isOneOf(char c, char[] stops) {
            for (char stop : stops) {
                if (c == stop) {
                    return true;
                }
            }
            return false;
        }
    }
}
