package dev.tracks.storage.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A part as a test reads it, to its end. The content is kept as ISO-8859-1 text, one
 * character per byte, so that records compare by value and failures print readably.
 *
 * @param name the field name
 * @param filename the filename, null for a plain field
 * @param contentType the declared content type, or null
 * @param content the content, one character per byte
 */
record ReadPart(String name, String filename, String contentType, String content) {

    static ReadPart field(String name, String value) {
        return new ReadPart(name, null, null, value);
    }

    static ReadPart file(String name, String filename, String contentType, byte[] content) {
        return new ReadPart(name, filename, contentType, new String(content, StandardCharsets.ISO_8859_1));
    }

    byte[] bytes() {
        return content.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads every part of {@code multipart}, each in reads of random length up to 128 KiB.
     */
    static List<ReadPart> readAll(MultipartStream multipart, Random random) throws IOException {
        List<ReadPart> parts = new ArrayList<>();
        for (Optional<FormPart> part = multipart.nextPart(); part.isPresent(); part = multipart.nextPart()) {
            PartHeaders headers = part.get().headers();
            byte[] content = readContent(part.get().content(), random);
            parts.add(ReadPart.file(headers.name(), headers.filename(), headers.contentType(), content));
        }
        return parts;
    }

    static byte[] readContent(InputStream content, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[128 * 1024];
        while (true) {
            int n = content.read(buffer, 0, 1 + random.nextInt(random.nextBoolean() ? 16 : buffer.length));
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }
}
