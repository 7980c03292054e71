package dev.tracks.storage.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The name, filename and content type in the header block of one {@code multipart/form-data} part
 * (RFC 7578).
 *
 * <p>Header values are read as UTF-8, as browsers send them. The filename comes from an RFC 5987
 * {@code filename*=UTF-8''…} parameter when there is one, else from {@code filename}. A part that
 * has a {@code filename} parameter is a file even when the value is empty, which is how a browser
 * sends a file input left empty.
 *
 * @param name the form field's name, trimmed; null when the part has no {@code form-data} disposition
 *     with a non-empty name, and is then skipped
 * @param filename the client's filename, trimmed; "" when given empty, null for a plain field
 * @param contentType the part's {@code Content-Type}, trimmed, or null when it has none
 */
record PartHeaders(String name, String filename, String contentType) {

    private static final String CONTENT_DISPOSITION = "content-disposition";
    private static final String CONTENT_TYPE = "content-type";
    private static final String CONTENT_TRANSFER_ENCODING = "content-transfer-encoding";

    // The encodings that leave the bytes as they are; the others would store the encoded text.
    private static final Set<String> IDENTITY_ENCODINGS = Set.of("7bit", "8bit", "binary");

    /**
     * Parses a header block: header lines each ending in CRLF, then the empty line.
     *
     * @throws MalformedMultipartException if a line contains a bare CR or LF, a header appears
     *     twice, the disposition's parameters are malformed, the part is {@code multipart/mixed},
     *     or its {@code Content-Transfer-Encoding} is other than {@code 7bit}, {@code 8bit} or
     *     {@code binary}
     */
    static PartHeaders parse(byte[] block) throws MalformedMultipartException {
        String disposition = null;
        String contentType = null;
        String transferEncoding = null;
        for (String line : unfold(new String(block, StandardCharsets.UTF_8))) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals(CONTENT_DISPOSITION)) {
                disposition = firstOf(name, disposition, value);
            } else if (name.equals(CONTENT_TYPE)) {
                contentType = firstOf(name, contentType, value);
            } else if (name.equals(CONTENT_TRANSFER_ENCODING)) {
                transferEncoding = firstOf(name, transferEncoding, value);
            }
        }

        requireNotNested(contentType);
        requireUnencoded(transferEncoding);
        return disposition == null ? new PartHeaders(null, null, contentType) : fromDisposition(disposition, contentType);
    }

    // Splits the block into header lines and joins each folded line to the one before, with one
    // space for the fold (RFC 7230, section 3.2.4).
    private static List<String> unfold(String block) throws MalformedMultipartException {
        List<String> lines = new ArrayList<>();
        String[] physical = block.substring(0, block.length() - 2).split("\r\n", -1);
        for (int i = 0; i < physical.length - 1; i++) {
            String line = physical[i];
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new MalformedMultipartException("Part header contains a CR or LF that does not end a line");
            }
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (lines.isEmpty()) {
                    throw new MalformedMultipartException("Part headers start with a continuation line");
                }
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + ' ' + line.substring(indentOf(line)));
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String firstOf(String header, String previous, String value) throws MalformedMultipartException {
        if (previous != null) {
            throw new MalformedMultipartException("Part has more than one " + header + " header");
        }
        return value;
    }

    // RFC 7578 deprecates multipart/mixed parts; older parsers expand them into several files.
    private static void requireNotNested(String contentType) throws MalformedMultipartException {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            throw new MalformedMultipartException("Part is multipart/mixed, which RFC 7578 deprecates: send each file as its own part");
        }
    }

    // RFC 7578 forbids Content-Transfer-Encoding. Storing a base64 or quoted-printable part as it
    // came would keep the encoded text instead of the file.
    private static void requireUnencoded(String transferEncoding) throws MalformedMultipartException {
        if (transferEncoding != null && !IDENTITY_ENCODINGS.contains(transferEncoding.toLowerCase(Locale.ROOT))) {
            throw new MalformedMultipartException("Part has Content-Transfer-Encoding " + transferEncoding + ", which RFC 7578"
                    + " forbids: send the part's bytes unencoded");
        }
    }

    private static PartHeaders fromDisposition(String header, String contentType) throws MalformedMultipartException {
        HeaderParameters disposition = HeaderParameters.parse(header);
        if (!disposition.value().equalsIgnoreCase("form-data")) {
            return new PartHeaders(null, null, contentType);
        }

        String name = disposition.get("name").map(String::trim).filter(value -> !value.isEmpty()).orElse(null);
        Optional<String> extended = disposition.get("filename*");
        String filename = extended.isPresent() ? decodeExtended(extended.get()) : disposition.get("filename").orElse(null);
        return new PartHeaders(name, filename == null ? null : filename.trim(), contentType);
    }

    // Decodes an RFC 5987 ext-value: charset'language'percent-encoded bytes.
    private static String decodeExtended(String value) throws MalformedMultipartException {
        int charsetEnd = value.indexOf('\'');
        int languageEnd = charsetEnd < 0 ? -1 : value.indexOf('\'', charsetEnd + 1);
        if (languageEnd < 0) {
            throw new MalformedMultipartException("filename* is not of the form UTF-8''percent-encoded-name (RFC 5987)");
        }

        Charset charset = switch (value.substring(0, charsetEnd).toUpperCase(Locale.ROOT)) {
            case "UTF-8" -> StandardCharsets.UTF_8;
            case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
            default -> throw new MalformedMultipartException("filename* has a charset other than UTF-8 or ISO-8859-1");
        };
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(percentDecode(value.substring(languageEnd + 1))))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMultipartException("filename* is not valid " + charset.name() + " once percent-decoded");
        }
    }

    private static byte[] percentDecode(String encoded) throws MalformedMultipartException {
        ByteBuffer bytes = ByteBuffer.allocate(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1)) && isHex(encoded.charAt(i + 2))) {
                bytes.put((byte) Integer.parseInt(encoded, i + 1, i + 3, 16));
                i += 2;
            } else if (c == '%' || c > 0x7e || c <= ' ') {
                throw new MalformedMultipartException("filename* contains a character that must be percent-encoded,"
                        + " or a '%' not followed by two hex digits");
            } else {
                bytes.put((byte) c);
            }
        }
        return Arrays.copyOf(bytes.array(), bytes.position());
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }
}
