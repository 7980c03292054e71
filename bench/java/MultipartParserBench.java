import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.apache.commons.fileupload2.core.MultipartInput;

/**
 * Measures, on one thread and without any I/O, the stages of a multipart upload that the sample's
 * request thread runs one after the other: reading the file part out of a multipart body with
 * commons-fileupload2's {@code MultipartInput} (the parser of the upload servlet), MD5 over the
 * same bytes, and both together as the servlet chains them.
 *
 * <p>The body is one file part of random bytes, held in memory, with a boundary like curl's. Each
 * read requests 128 KiB, as the disk driver does. The stages run interleaved, so each repetition
 * runs under the same background load. {@code parser_64k} gives the parser a 64 KiB buffer
 * instead of its default.
 *
 * <p>Usage: {@code java -cp JARS MultipartParserBench.java [MiB] [repetitions]}, with
 * commons-fileupload2-core and commons-io on the class path. Prints "key value" lines in MB/s, and
 * the largest number of bytes one read of the file part returned with the default buffer.
 */
public final class MultipartParserBench {

    private static final int READ_SIZE = 128 * 1024;
    private static final String BOUNDARY = "------------------------3f9c2a7e41d0b8c5";

    private static long sink;
    private static int largestRead;

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] body = multipartBody(mib);
        long fileBytes = (long) mib << 20;

        for (int i = 0; i < 3; i++) {
            runAll(body, fileBytes, false);
        }
        for (int i = 0; i < repetitions; i++) {
            runAll(body, fileBytes, true);
        }
        System.out.println("multipart_parser_largest_read_bytes " + largestRead);
        if (sink == 42) {
            System.err.println();
        }
    }

    private static void runAll(byte[] body, long fileBytes, boolean print) throws Exception {
        time("parser", fileBytes, print, () -> parse(body, null, 0));
        time("parser_64k", fileBytes, print, () -> parse(body, null, 64 * 1024));
        time("md5", fileBytes, print, () -> digest(body));
        time("parser_md5", fileBytes, print, () -> parse(body, MessageDigest.getInstance("MD5"), 0));
    }

    private interface Stage {
        long run() throws Exception;
    }

    private static void time(String name, long fileBytes, boolean print, Stage stage) throws Exception {
        long started = System.nanoTime();
        long bytes = stage.run();
        double seconds = (System.nanoTime() - started) / 1e9;

        if (bytes != fileBytes) {
            throw new IllegalStateException(name + " read " + bytes + " bytes of the file part, expected " + fileBytes);
        }
        if (print) {
            System.out.printf("multipart_%s_MBps %.0f%n", name, fileBytes / 1e6 / seconds);
        }
    }

    // Reads the file part to its end in 128 KiB requests; bufferSize 0 keeps the parser's default.
    private static long parse(byte[] body, MessageDigest md5, int bufferSize) throws IOException {
        MultipartInput.Builder builder = MultipartInput.builder()
                .setInputStream(new ByteArrayInputStream(body))
                .setBoundary(BOUNDARY.getBytes(StandardCharsets.ISO_8859_1));
        if (bufferSize > 0) {
            builder.setBufferSize(bufferSize);
        }
        MultipartInput multipart = builder.get();
        if (!multipart.skipPreamble()) {
            throw new IllegalStateException("The body has no part");
        }
        multipart.readHeaders();

        byte[] buffer = new byte[READ_SIZE];
        long total = 0;
        try (InputStream part = multipart.newInputStream()) {
            int n;
            while ((n = part.read(buffer, 0, buffer.length)) != -1) {
                if (bufferSize == 0) {
                    largestRead = Math.max(largestRead, n);
                }
                if (md5 != null) {
                    md5.update(buffer, 0, n);
                }
                total += n;
            }
        }
        sink += md5 == null ? buffer[0] : md5.digest()[0];
        return total;
    }

    private static long digest(byte[] body) throws NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        int start = headerLength();
        int end = body.length - trailer().length;
        for (int offset = start; offset < end; offset += READ_SIZE) {
            md5.update(body, offset, Math.min(READ_SIZE, end - offset));
        }
        sink += md5.digest()[0];
        return end - start;
    }

    private static byte[] multipartBody(int mib) throws IOException {
        byte[] file = new byte[mib << 20];
        new Random(1).nextBytes(file);

        ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 512);
        body.write(header());
        body.write(file);
        body.write(trailer());
        return body.toByteArray();
    }

    private static byte[] header() {
        return ("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"random.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int headerLength() {
        return header().length;
    }

    private static byte[] trailer() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
