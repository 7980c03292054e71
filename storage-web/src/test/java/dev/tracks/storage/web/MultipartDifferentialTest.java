package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.config.UploadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.junit.jupiter.api.Test;

/**
 * Feeds the same random bodies, in reads of random size, to {@link MultipartStream} and to
 * commons-fileupload2 2.0.0-M5 (the parser the upload servlet used before), set up as the servlet
 * set it up, and requires the same parts or a rejection from both. The bodies stay where the two
 * are meant to agree; {@link RandomMultipartBody} lists the differences left out, and
 * {@link MultipartStreamTest} covers them.
 */
class MultipartDifferentialTest {

    /** Well-formed bodies compared; each of the other tests uses a fraction of this number. */
    static final int BODIES = 5000;

    private static final UploadLimits GENEROUS = new UploadLimits(1L << 40, 1L << 40, 1000, 8192, "file");

    @Test
    void wellFormedBodiesParseAlike() throws IOException {
        int parts = 0;
        for (int seed = 0; seed < BODIES; seed++) {
            RandomMultipartBody body = RandomMultipartBody.generate(new Random(seed));
            Outcome expected = body.parts().isEmpty() ? Outcome.REJECTED_EMPTY : Outcome.parsed(body.parts());

            assertThat(ours(body.contentType(), body.body(), GENEROUS, seed)).as("ours, seed %d", seed).isEqualTo(expected);
            assertThat(oracle(body.contentType(), body.body(), GENEROUS, seed)).as("commons-fileupload2, seed %d", seed)
                    .isEqualTo(expected);
            parts += body.parts().size();
        }
        assertThat(parts).isGreaterThan(BODIES * 2);
    }

    @Test
    void truncatedBodiesAreRejectedAlike() throws IOException {
        int cutAfterDelimiter = 0;
        for (int seed = 0; seed < BODIES / 3; seed++) {
            Random random = new Random(seed);
            RandomMultipartBody body = RandomMultipartBody.generate(random);
            byte[] truncated = Arrays.copyOf(body.body(), random.nextInt(body.body().length));

            Outcome ours = ours(body.contentType(), truncated, GENEROUS, seed);
            Outcome oracle = oracle(body.contentType(), truncated, GENEROUS, seed);

            if (endsInsideDelimiterLine(truncated, body.boundary())) {
                assertThat(ours).as("ours, seed %d", seed).isEqualTo(Outcome.REJECTED_MALFORMED);
                cutAfterDelimiter++;
            } else {
                assertThat(ours.agreesWith(oracle)).as("seed %d, cut after %d of %d bytes: ours %s, commons-fileupload2 %s", seed,
                        truncated.length, body.body().length, ours, oracle).isTrue();
            }
        }
        assertThat(cutAfterDelimiter).isPositive();
    }

    // commons-fileupload2 2.0.0-M5 takes a delimiter followed by anything but a line end as the end
    // of the body, so it reads a body cut right after a delimiter as complete. Ours rejects it.
    private static boolean endsInsideDelimiterLine(byte[] body, String boundary) {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (int rest = 0; rest <= 1; rest++) {
            int start = body.length - rest - delimiter.length;
            if (start >= 0 && Arrays.equals(body, start, start + delimiter.length, delimiter, 0, delimiter.length)
                    && (rest == 0 || body[body.length - 1] != '\n')) {
                return true;
            }
        }
        return false;
    }

    @Test
    void bodiesWithoutCloseDelimiterAreRejected() throws IOException {
        for (int seed = 0; seed < BODIES / 3; seed++) {
            Random random = new Random(seed);
            RandomMultipartBody body = RandomMultipartBody.generate(random);
            String ending = random.nextBoolean() ? "" : "\r\n--" + body.boundary() + "\r\n";
            byte[] unclosed = concat(Arrays.copyOf(body.body(), body.closeDelimiterStart()), ending);

            assertThat(ours(body.contentType(), unclosed, GENEROUS, seed).isRejected()).as("ours, seed %d", seed).isTrue();
            assertThat(oracle(body.contentType(), unclosed, GENEROUS, seed).isRejected()).as("commons-fileupload2, seed %d", seed)
                    .isTrue();
        }
    }

    @Test
    void garbageAndForeignBoundariesAreRejectedAlike() throws IOException {
        for (int seed = 0; seed < BODIES / 3; seed++) {
            Random random = new Random(seed);
            RandomMultipartBody body = RandomMultipartBody.generate(random);
            RandomMultipartBody other = RandomMultipartBody.generate(random);
            byte[] garbage = new byte[random.nextInt(5000)];
            random.nextBytes(garbage);
            byte[] content = random.nextBoolean() ? garbage : other.body();

            Outcome ours = ours(body.contentType(), content, GENEROUS, seed);
            Outcome oracle = oracle(body.contentType(), content, GENEROUS, seed);

            assertThat(ours.agreesWith(oracle)).as("seed %d: ours %s, commons-fileupload2 %s", seed, ours, oracle).isTrue();
        }
    }

    @Test
    void limitsAreEnforcedAlike() throws IOException {
        int rejected = 0;
        for (int seed = 0; seed < BODIES / 3; seed++) {
            Random random = new Random(seed);
            RandomMultipartBody body = RandomMultipartBody.generate(random);
            if (body.parts().isEmpty()) {
                continue;
            }
            boolean crossed = random.nextBoolean();
            UploadLimits limits = limitsAround(body, random.nextInt(4), crossed);
            Outcome expected = limits == GENEROUS || !crossed ? Outcome.parsed(body.parts()) : Outcome.REJECTED_LIMIT;

            assertThat(ours(body.contentType(), body.body(), limits, seed)).as("ours, seed %d, %s", seed, limits).isEqualTo(expected);
            assertThat(oracle(body.contentType(), body.body(), limits, seed)).as("commons-fileupload2, seed %d, %s", seed, limits)
                    .isEqualTo(expected);
            rejected += expected == Outcome.REJECTED_LIMIT ? 1 : 0;
        }
        assertThat(rejected).isGreaterThan(BODIES / 20);
    }

    // Limits at what the body needs, or one below it when `crossed`; GENEROUS when one below is not
    // a valid limit.
    private static UploadLimits limitsAround(RandomMultipartBody body, int which, boolean crossed) {
        int below = crossed ? 1 : 0;
        long largestPart = body.parts().stream().mapToLong(part -> part.bytes().length).max().orElseThrow();
        int largestHeaders = Collections.max(body.headerBlockSizes());
        long value = switch (which) {
            case 0 -> largestPart - below;
            case 1 -> body.parts().size() - below;
            case 2 -> largestHeaders - below;
            default -> crossed ? body.closeDelimiterStart() : body.body().length;
        };
        if (value < 1) {
            return GENEROUS;
        }
        return switch (which) {
            case 0 -> new UploadLimits(value, GENEROUS.maxRequestSize(), GENEROUS.maxParts(), GENEROUS.maxPartHeaderSize(), "file");
            case 1 -> new UploadLimits(GENEROUS.maxFileSize(), GENEROUS.maxRequestSize(), (int) value, GENEROUS.maxPartHeaderSize(), "file");
            case 2 -> new UploadLimits(GENEROUS.maxFileSize(), GENEROUS.maxRequestSize(), GENEROUS.maxParts(), (int) value, "file");
            default -> new UploadLimits(GENEROUS.maxFileSize(), value, GENEROUS.maxParts(), GENEROUS.maxPartHeaderSize(), "file");
        };
    }

    private static Outcome ours(String contentType, byte[] body, UploadLimits limits, long seed) throws IOException {
        Random random = new Random(seed * 31 + 1);
        byte[] boundary = MultipartBoundary.of(contentType).orElseThrow();
        try {
            return Outcome.parsed(ReadPart.readAll(new MultipartStream(new ChunkedInputStream(body, random, 65536), boundary, limits),
                    random));
        } catch (MultipartLimitException e) {
            return Outcome.REJECTED_LIMIT;
        } catch (MalformedMultipartException e) {
            return Outcome.REJECTED_MALFORMED;
        }
    }

    // Reads the body as MultipartUploads did with commons-fileupload2, counting parts the same way.
    private static Outcome oracle(String contentType, byte[] body, UploadLimits limits, long seed) throws IOException {
        Random random = new Random(seed * 31 + 2);
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setMaxFileSize(limits.maxFileSize());
        upload.setMaxSize(limits.maxRequestSize());
        upload.setMaxFileCount(limits.maxParts());
        upload.setMaxPartHeaderSize(limits.maxPartHeaderSize());
        upload.setHeaderCharset(StandardCharsets.UTF_8);

        List<ReadPart> parts = new ArrayList<>();
        try {
            FileItemInputIterator items = upload.getItemIterator(new BodyContext(contentType, new ChunkedInputStream(body, random, 65536)));
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (parts.size() == limits.maxParts()) {
                    return Outcome.REJECTED_LIMIT;
                }
                byte[] content = ReadPart.readContent(item.getInputStream(), random);
                parts.add(ReadPart.file(item.getFieldName(), item.getName(), item.getContentType(), content));
            }
        } catch (FileUploadSizeException e) {
            return Outcome.REJECTED_LIMIT;
        } catch (IOException | IllegalStateException e) {
            return Outcome.REJECTED_MALFORMED;
        }
        return Outcome.parsed(parts);
    }

    private static byte[] concat(byte[] start, String end) {
        byte[] tail = end.getBytes(StandardCharsets.US_ASCII);
        byte[] joined = Arrays.copyOf(start, start.length + tail.length);
        System.arraycopy(tail, 0, joined, start.length, tail.length);
        return joined;
    }

    /**
     * The parts a parser read, or why it rejected the body. An empty body counts as rejected, as
     * the upload servlet rejects a request without its file part.
     */
    private record Outcome(List<ReadPart> parts, String rejection) {

        static final Outcome REJECTED_EMPTY = new Outcome(List.of(), "no parts");
        static final Outcome REJECTED_LIMIT = new Outcome(List.of(), "limit");
        static final Outcome REJECTED_MALFORMED = new Outcome(List.of(), "malformed");

        static Outcome parsed(List<ReadPart> parts) {
            return parts.isEmpty() ? REJECTED_EMPTY : new Outcome(List.copyOf(parts), null);
        }

        boolean isRejected() {
            return rejection != null;
        }

        boolean agreesWith(Outcome other) {
            return isRejected() ? other.isRejected() : equals(other);
        }
    }

    private record BodyContext(String contentType, InputStream body) implements RequestContext {

        @Override
        public String getCharacterEncoding() {
            return null;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
