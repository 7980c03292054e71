package dev.tracks.storage.web;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A random, well-formed {@code multipart/form-data} body and the parts it holds, for comparing
 * parsers. Boundaries, names, filenames, header spelling and spacing, preamble and epilogue vary.
 * Contents are random bytes salted with CR, LF, dashes and pieces of the delimiter, but they never
 * contain the whole delimiter.
 *
 * <p>It stays inside what both our parser and commons-fileupload2 read the same way: no transport
 * padding, no backslash or double quote in quoted values, no RFC 2047 {@code =?} words, and no
 * delimiter followed by other bytes (commons-fileupload2 rejects that, ours reads it as content).
 *
 * @param contentType the request's {@code Content-Type}
 * @param boundary the boundary
 * @param body the body
 * @param parts the parts in order
 * @param headerBlockSizes the size in bytes of each part's header block, its empty line included
 * @param closeDelimiterStart where the close delimiter (with its CRLF, if any) starts in {@code body}
 */
record RandomMultipartBody(String contentType, String boundary, byte[] body, List<ReadPart> parts, List<Integer> headerBlockSizes,
        int closeDelimiterStart) {

    private static final String BOUNDARY_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ";
    private static final String NAME_CHARACTERS = "abcdefgXYZ0189 _-.,;:=()[]{}%&+!#$'/@~<>é文ü€😀";
    private static final String[] CONTENT_TYPES = {
        "text/plain", "image/png", "application/octet-stream", "text/plain; charset=UTF-8", "application/pdf", "  image/jpeg  "};

    static RandomMultipartBody generate(Random random) {
        String boundary = boundary(random);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<ReadPart> parts = new ArrayList<>();
        List<Integer> headerBlockSizes = new ArrayList<>();

        if (random.nextInt(4) == 0) {
            write(body, withoutDelimiter(bytes(random, random.nextInt(300), delimiter), ("--" + boundary).getBytes(StandardCharsets.US_ASCII)));
            write(body, "\r\n");
        }
        int firstDelimiterStart = Math.max(0, body.size() - 2);
        write(body, "--" + boundary);
        int count = random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 3 : 8);
        for (int i = 0; i < count; i++) {
            write(body, "\r\n");
            ReadPart part = part(random, delimiter);
            byte[] headers = headers(random, part).getBytes(StandardCharsets.UTF_8);
            write(body, headers);
            headerBlockSizes.add(headers.length);
            write(body, part.bytes());
            write(body, delimiter);
            parts.add(part);
        }
        int closeDelimiterStart = count == 0 ? firstDelimiterStart : body.size() - delimiter.length;
        write(body, "--");
        if (random.nextBoolean()) {
            write(body, "\r\n");
            write(body, bytes(random, random.nextInt(100), delimiter));
        }
        return new RandomMultipartBody(contentType(random, boundary), boundary, body.toByteArray(), parts, headerBlockSizes,
                closeDelimiterStart);
    }

    private static String boundary(Random random) {
        int length = 1 + random.nextInt(random.nextBoolean() ? 70 : 20);
        StringBuilder boundary = new StringBuilder();
        while (boundary.length() < length) {
            char c = BOUNDARY_CHARACTERS.charAt(random.nextInt(BOUNDARY_CHARACTERS.length()));
            if (c == ' ' && boundary.length() == length - 1 || c == '?' && boundary.toString().endsWith("=")) {
                continue;
            }
            boundary.append(c);
        }
        return boundary.toString();
    }

    private static String contentType(Random random, String boundary) {
        boolean needsQuotes = boundary.chars().anyMatch(c -> "()<>@,;:\\\"/[]?= ".indexOf(c) >= 0);
        String value = needsQuotes || random.nextBoolean() ? "\"" + boundary + "\"" : boundary;
        String type = random.nextBoolean() ? "multipart/form-data" : "Multipart/Form-Data";
        return type + ";" + " ".repeat(random.nextInt(3)) + (random.nextBoolean() ? "boundary=" : "BOUNDARY=") + value
                + (random.nextInt(4) == 0 ? "; charset=UTF-8" : "");
    }

    private static ReadPart part(Random random, byte[] delimiter) {
        String name = name(random);
        byte[] content = bytes(random, contentLength(random), delimiter);
        if (random.nextInt(3) == 0) {
            return ReadPart.file(name, null, null, content);
        }
        String filename = random.nextInt(8) == 0 ? "" : name(random);
        String contentType = random.nextInt(4) == 0 ? null : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)].trim();
        return ReadPart.file(name, filename, contentType, content);
    }

    private static int contentLength(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> random.nextInt(300_000);
            case 2, 3 -> random.nextInt(70_000);
            default -> random.nextInt(2_000);
        };
    }

    private static String headers(Random random, ReadPart part) {
        List<String> parameters = new ArrayList<>(List.of("name=" + quoted(random, part.name())));
        if (part.filename() != null) {
            boolean extended = !part.filename().isEmpty() && random.nextInt(3) == 0;
            if (!extended || random.nextBoolean()) {
                parameters.add("filename=" + quoted(random, extended ? "fallback.bin" : part.filename()));
            }
            Collections.shuffle(parameters, random);
            if (extended) {
                parameters.add("filename*=UTF-8''" + URLEncoder.encode(part.filename(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }

        String separator = random.nextInt(5) == 0 ? ";\r\n\t" : ";" + " ".repeat(random.nextInt(3));
        List<String> lines = new ArrayList<>();
        lines.add(spell(random, "Content-Disposition") + ":" + " ".repeat(random.nextInt(3)) + "form-data" + separator
                + String.join(separator, parameters));
        if (part.contentType() != null) {
            String original = List.of(CONTENT_TYPES).stream().filter(type -> type.trim().equals(part.contentType())).findFirst().orElseThrow();
            lines.add(spell(random, "Content-Type") + ": " + original);
        }
        if (random.nextInt(5) == 0) {
            lines.add(random.nextInt(lines.size() + 1), "X-Note: " + name(random));
        }
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static String quoted(Random random, String value) {
        boolean token = value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80);
        return token && random.nextBoolean() ? value : "\"" + value + "\"";
    }

    private static String spell(Random random, String header) {
        return switch (random.nextInt(3)) {
            case 0 -> header.toLowerCase(Locale.ROOT);
            case 1 -> header.toUpperCase(Locale.ROOT);
            default -> header;
        };
    }

    private static String name(Random random) {
        int[] characters = NAME_CHARACTERS.codePoints().toArray();
        StringBuilder name = new StringBuilder();
        for (int i = 1 + random.nextInt(12); i > 0; i--) {
            name.appendCodePoint(characters[random.nextInt(characters.length)]);
        }
        String trimmed = name.toString().trim();
        return trimmed.isEmpty() ? "n" : trimmed;
    }

    // Random bytes salted with CR, LF, dashes and leading pieces of the delimiter.
    private static byte[] bytes(Random random, int length, byte[] delimiter) {
        byte[] content = new byte[length];
        random.nextBytes(content);
        for (int salted = 0; salted < length / 50 + random.nextInt(3) && length > 0; salted++) {
            int at = random.nextInt(length);
            byte[] piece = switch (random.nextInt(4)) {
                case 0 -> new byte[] {'\r', '\n'};
                case 1 -> new byte[] {'-', '-'};
                case 2 -> Arrays.copyOfRange(delimiter, 2, delimiter.length);
                default -> Arrays.copyOf(delimiter, 1 + random.nextInt(delimiter.length - 1));
            };
            System.arraycopy(piece, 0, content, at, Math.min(piece.length, length - at));
        }
        return withoutDelimiter(content, delimiter);
    }

    // Breaks every whole occurrence of `pattern` by changing its last byte.
    private static byte[] withoutDelimiter(byte[] content, byte[] pattern) {
        for (int i = 0; i + pattern.length <= content.length; i++) {
            if (Arrays.equals(content, i, i + pattern.length, pattern, 0, pattern.length)) {
                content[i + pattern.length - 1] = (byte) ~pattern[pattern.length - 1];
            }
        }
        return content;
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(ByteArrayOutputStream body, byte[] bytes) {
        body.writeBytes(bytes);
    }
}
