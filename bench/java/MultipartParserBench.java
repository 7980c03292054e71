import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Measures, on one thread and without any I/O, the stages of a multipart upload that the sample's
 * request thread runs one after the other. The stages are reading the file part out of a multipart
 * body, MD5 over the same bytes, and both together as the servlet chains them. Two parsers are
 * timed: storage-web's own {@code MultipartStream} (the upload servlet's parser) and
 * commons-fileupload2's {@code MultipartInput} (its parser before).
 *
 * <p>The body is one file part of random bytes, held in memory, with a boundary like curl's. Each
 * read requests 128 KiB, as the disk driver does. The stages run interleaved, so each repetition
 * runs under the same background load. {@code fileupload2_64k} gives commons-fileupload2 a 64 KiB
 * buffer instead of its default. {@code tracks_hostile} feeds storage-web's parser content that
 * defeats its skips (see {@code fillHostile}), the slowest found for this boundary.
 *
 * <p>Usage: {@code java -cp JARS MultipartParserBench.java [MiB] [repetitions]}. Both parsers are
 * loaded by reflection (storage-web's is package-private), so the class path decides which run:
 * storage-web, storage-ejb and storage-api for one, commons-fileupload2-core and commons-io for
 * the other. Prints "key value" lines in MB/s, and the largest number of bytes one read of the
 * file part returned.
 */
public final class MultipartParserBench {

    private static final int READ_SIZE = 128 * 1024;
    private static final String BOUNDARY = "------------------------3f9c2a7e41d0b8c5";

    private static final Map<String, Integer> LARGEST_READS = new HashMap<>();

    private static long sink;

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int fileBytes = mib << 20;
        byte[] body = multipartBody(fileBytes);
        fillRandom(body, header().length, fileBytes);
        byte[] hostile = multipartBody(fileBytes);
        fillHostile(hostile, header().length, fileBytes);
        List<Stage> stages = stages(body, hostile, fileBytes);

        for (int i = 0; i < 3; i++) {
            runAll(stages, false);
        }
        for (int i = 0; i < repetitions; i++) {
            runAll(stages, true);
        }
        for (String name : List.of("tracks", "fileupload2")) {
            if (LARGEST_READS.containsKey(name)) {
                System.out.println("multipart_" + name + "_largest_read_bytes " + LARGEST_READS.get(name));
            }
        }
        if (sink == 42) {
            System.err.println();
        }
    }

    private static List<Stage> stages(byte[] body, byte[] hostile, long fileBytes) {
        List<Stage> stages = new ArrayList<>();
        Parser tracks = Parser.tracks();
        Parser fileupload = Parser.fileupload();
        if (tracks != null) {
            stages.add(new Stage("tracks", tracks, body, 0, false, fileBytes));
        }
        if (fileupload != null) {
            stages.add(new Stage("fileupload2", fileupload, body, 0, false, fileBytes));
            stages.add(new Stage("fileupload2_64k", fileupload, body, 64 * 1024, false, fileBytes));
        }
        stages.add(new Stage("md5", null, body, 0, true, fileBytes));
        if (tracks != null) {
            stages.add(new Stage("tracks_md5", tracks, body, 0, true, fileBytes));
            stages.add(new Stage("tracks_hostile", tracks, hostile, 0, false, fileBytes));
        }
        if (fileupload != null) {
            stages.add(new Stage("fileupload2_md5", fileupload, body, 0, true, fileBytes));
        }
        return stages;
    }

    private static void runAll(List<Stage> stages, boolean print) throws Exception {
        for (Stage stage : stages) {
            long started = System.nanoTime();
            long bytes = stage.run();
            double seconds = (System.nanoTime() - started) / 1e9;

            if (bytes != stage.fileBytes()) {
                throw new IllegalStateException(stage.name() + " read " + bytes + " bytes of the file part, expected " + stage.fileBytes());
            }
            if (print) {
                System.out.printf("multipart_%s_MBps %.0f%n", stage.name(), stage.fileBytes() / 1e6 / seconds);
            }
        }
    }

    /**
     * One timed stage: the file part read by {@code parser} (MD5 alone when it is null), with MD5
     * over the bytes read when {@code md5} is set.
     */
    private record Stage(String name, Parser parser, byte[] body, int bufferSize, boolean md5, long fileBytes) {

        long run() throws Exception {
            MessageDigest digest = md5 ? MessageDigest.getInstance("MD5") : null;
            if (parser == null) {
                return digest(body, digest);
            }

            byte[] buffer = new byte[READ_SIZE];
            long total = 0;
            try (InputStream part = parser.open(body, bufferSize)) {
                int n;
                while ((n = part.read(buffer, 0, buffer.length)) != -1) {
                    LARGEST_READS.merge(name, n, Math::max);
                    if (digest != null) {
                        digest.update(buffer, 0, n);
                    }
                    total += n;
                }
            }
            sink += digest == null ? buffer[0] : digest.digest()[0];
            return total;
        }
    }

    /** A parser reached by reflection; {@code open} returns the stream of the body's first part. */
    private abstract static class Parser {

        abstract InputStream open(byte[] body, int bufferSize) throws Exception;

        // storage-web's MultipartStream, with limits that the body stays within.
        static Parser tracks() {
            try {
                Class<?> limitsType = Class.forName("dev.tracks.storage.config.UploadLimits");
                Object limits = limitsType.getConstructors()[0].newInstance(Long.MAX_VALUE, Long.MAX_VALUE, 10, 8192, "file");
                Class<?> streamType = Class.forName("dev.tracks.storage.web.MultipartStream");
                Constructor<?> constructor = streamType.getDeclaredConstructor(InputStream.class, byte[].class, limitsType);
                Method nextPart = streamType.getDeclaredMethod("nextPart");
                Method content = Class.forName("dev.tracks.storage.web.FormPart").getDeclaredMethod("content");
                constructor.setAccessible(true);
                nextPart.setAccessible(true);
                content.setAccessible(true);
                return new Parser() {
                    @Override
                    InputStream open(byte[] body, int bufferSize) throws Exception {
                        Object multipart = constructor.newInstance(new ByteArrayInputStream(body), boundary(), limits);
                        return (InputStream) content.invoke(((Optional<?>) nextPart.invoke(multipart)).orElseThrow());
                    }
                };
            } catch (ReflectiveOperationException | LinkageError e) {
                System.err.println("storage-web's parser is not on the class path, skipped: " + e);
                return null;
            }
        }

        // commons-fileupload2's MultipartInput; bufferSize 0 keeps its default.
        static Parser fileupload() {
            try {
                Class<?> inputType = Class.forName("org.apache.commons.fileupload2.core.MultipartInput");
                Method builder = inputType.getMethod("builder");
                Method skipPreamble = inputType.getMethod("skipPreamble");
                Method readHeaders = inputType.getMethod("readHeaders");
                Method newInputStream = inputType.getMethod("newInputStream");
                return new Parser() {
                    @Override
                    InputStream open(byte[] body, int bufferSize) throws Exception {
                        Object setup = builder.invoke(null);
                        setup.getClass().getMethod("setInputStream", InputStream.class).invoke(setup, new ByteArrayInputStream(body));
                        setup.getClass().getMethod("setBoundary", byte[].class).invoke(setup, (Object) boundary());
                        if (bufferSize > 0) {
                            setup.getClass().getMethod("setBufferSize", int.class).invoke(setup, bufferSize);
                        }
                        Object multipart = setup.getClass().getMethod("get").invoke(setup);
                        if (!(Boolean) skipPreamble.invoke(multipart)) {
                            throw new IllegalStateException("The body has no part");
                        }
                        readHeaders.invoke(multipart);
                        return (InputStream) newInputStream.invoke(multipart);
                    }
                };
            } catch (ReflectiveOperationException | LinkageError e) {
                System.err.println("commons-fileupload2 is not on the class path, skipped: " + e);
                return null;
            }
        }
    }

    private static long digest(byte[] body, MessageDigest md5) {
        int start = header().length;
        int end = body.length - trailer().length;
        for (int offset = start; offset < end; offset += READ_SIZE) {
            md5.update(body, offset, Math.min(READ_SIZE, end - offset));
        }
        sink += md5.digest()[0];
        return end - start;
    }

    // Random bytes, made 1 MiB at a time so that two bodies of 256 MiB fit in -Xmx1g.
    private static void fillRandom(byte[] body, int offset, int length) {
        Random random = new Random(1);
        byte[] chunk = new byte[1 << 20];
        for (int done = 0; done < length; done += chunk.length) {
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, body, offset + done, Math.min(chunk.length, length - done));
        }
    }

    // CR and the delimiter's second-to-last byte, alternating: its skips are all 1 byte long, and
    // every other byte is a CR that could start a delimiter.
    private static void fillHostile(byte[] body, int offset, int length) {
        byte[] delimiter = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < length; i++) {
            body[offset + i] = i % 2 == 0 ? (byte) '\r' : delimiter[delimiter.length - 2];
        }
    }

    // A body with one file part of fileBytes zero bytes, to be filled in place.
    private static byte[] multipartBody(int fileBytes) {
        byte[] header = header();
        byte[] trailer = trailer();
        byte[] body = new byte[header.length + fileBytes + trailer.length];
        System.arraycopy(header, 0, body, 0, header.length);
        System.arraycopy(trailer, 0, body, header.length + fileBytes, trailer.length);
        return body;
    }

    private static byte[] boundary() {
        return BOUNDARY.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] header() {
        return ("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"random.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] trailer() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
