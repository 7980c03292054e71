package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.config.UploadLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartStreamTest {

    private static final String BOUNDARY = "xYz-42";
    private static final UploadLimits LIMITS = new UploadLimits(1L << 40, 1L << 40, 1000, 8192, "file");

    @Test
    void fileAndFieldsAreReadInOrder() throws IOException {
        String body = "--xYz-42\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "Lamp\r\n"
                + "--xYz-42\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"lamp.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n"
                + "\u0089PNG\r\n\u001a\n\u0000\r\n"
                + "--xYz-42--\r\n";

        assertThat(parse(body)).containsExactly(
                ReadPart.field("title", "Lamp"),
                new ReadPart("file", "lamp.png", "image/png", "\u0089PNG\r\n\u001a\n\u0000"));
    }

    @Test
    void preambleIsSkipped() throws IOException {
        String body = "This is a preamble.\r\n--xYz-\r\n--xYz-42\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42--";

        assertThat(parse(body)).containsExactly(ReadPart.field("a", "1"));
    }

    @Test
    void delimiterAfterTextStaysInPreamble() throws IOException {
        String body = "text--xYz-42\r\nContent-Disposition: form-data; name=\"hidden\"\r\n\r\n1\r\n"
                + "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n--xYz-42--";

        assertThat(parse(body)).containsExactly(ReadPart.field("a", "2"));
    }

    @Test
    void epilogueIsIgnored() throws IOException {
        String body = "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42--\r\n"
                + "epilogue\r\n--xYz-42\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--xYz-42";

        assertThat(parse(body)).containsExactly(ReadPart.field("a", "1"));
    }

    @Test
    void transportPaddingAfterDelimiterIsAccepted() throws IOException {
        String body = "--xYz-42 \t \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + "--xYz-42\t\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--xYz-42-- \r\n";

        assertThat(parse(body)).containsExactly(ReadPart.field("a", "1"), ReadPart.field("b", "2"));
    }

    @Test
    void bareLfAfterDelimiterIsAccepted() throws IOException {
        String body = "--xYz-42\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42--";

        assertThat(parse(body)).containsExactly(ReadPart.field("a", "1"));
    }

    @Test
    void closeDelimiterAloneHasNoParts() throws IOException {
        assertThat(parse("--xYz-42--\r\n")).isEmpty();
    }

    @Test
    void emptyFieldAndEmptyFileHaveNoContent() throws IOException {
        String body = "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n"
                + "--xYz-42\r\nContent-Disposition: form-data; name=\"file\"; filename=\"empty.txt\"\r\n\r\n\r\n"
                + "--xYz-42--";

        assertThat(parse(body)).containsExactly(ReadPart.field("a", ""), new ReadPart("file", "empty.txt", null, ""));
    }

    @Test
    void partWithoutHeadersHasNoName() throws IOException {
        String body = "--xYz-42\r\n\r\ncontent\r\n--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42--";

        assertThat(parse(body)).containsExactly(new ReadPart(null, null, null, "content"), ReadPart.field("a", "1"));
    }

    @Test
    void shortHeaderLinesDoNotEndTheHeaders() throws IOException {
        String body = "--xYz-42\r\nX\r\n:\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42--";

        assertThat(parse(body)).containsExactly(ReadPart.field("a", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--xYz-42", "--xYz-42--", "a--xYz-42\r\n", "\n--xYz-42\r\n", "\r--xYz-42\r\n", "\r\n--xYz-4", "\r\n--xYz-4\r\n",
        "\r\n--xYz-42X\r\n", "\r\n--xYz-42-x", "\r\n--xYz-42 \tx\r\n", "\r\n--xYz-42\rx", "\r\n--xYz-42 \r \n", "\r\n-",
        "\r\n--", "x\r", "\r\n", "\r\n\r\n", "--xYz-42\r\n--xYz-42X"})
    void boundaryLikeContentIsContent(String content) throws IOException {
        String body = "--xYz-42\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n"
                + content + "\r\n--xYz-42--";

        assertThat(parse(body)).containsExactly(new ReadPart("file", "a.bin", null, content));
    }

    @Test
    void delimiterSplitAtEveryOffsetIsFound() throws IOException {
        byte[] body = ("--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--xYz-\r\n"
                + "--xYz-42  \r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n--xYz-42\r\n--xYz-42--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        List<ReadPart> expected = List.of(ReadPart.field("a", "\r\n--xYz-"), ReadPart.field("b", "--xYz-42"));

        for (int split = 0; split <= body.length; split++) {
            InputStream twoReads = new SequenceInputStream(new ByteArrayInputStream(body, 0, split),
                    new ByteArrayInputStream(body, split, body.length - split));
            assertThat(ReadPart.readAll(new MultipartStream(twoReads, boundary(), LIMITS), new Random(split)))
                    .as("body split after %d bytes", split)
                    .isEqualTo(expected);
        }
        assertThat(ReadPart.readAll(new MultipartStream(new ChunkedInputStream(body, new Random(1), 1), boundary(), LIMITS),
                new Random(1))).as("one byte per read").isEqualTo(expected);
    }

    @Test
    void unreadContentIsSkippedByNextPart() throws IOException {
        byte[] large = new byte[300_000];
        new Random(3).nextBytes(large);
        byte[] body = concat("--xYz-42\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n", large,
                "\r\n--xYz-42\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--xYz-42--");
        MultipartStream multipart = new MultipartStream(new ByteArrayInputStream(body), boundary(), LIMITS);

        FormPart first = multipart.nextPart().orElseThrow();
        FormPart second = multipart.nextPart().orElseThrow();

        assertThat(second.headers().name()).isEqualTo("b");
        assertThat(second.content().readAllBytes()).containsExactly('2');
        assertThatThrownBy(() -> first.content().read(new byte[8])).isInstanceOf(IOException.class).hasMessageContaining("skipped");
        assertThat(multipart.nextPart()).isEmpty();
        assertThat(multipart.nextPart()).isEmpty();
    }

    @Test
    void endOfPartIsReportedOnEveryRead() throws IOException {
        MultipartStream multipart = stream("--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--xYz-42--");
        InputStream content = multipart.nextPart().orElseThrow().content();

        assertThat(content.read()).isEqualTo('x');
        assertThat(content.read()).isEqualTo(-1);
        assertThat(content.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(content.skip(10)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "no delimiter at all",
        "--xYz-42",
        "--xYz-42\r\n",
        "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n",
        "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",
        "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--xYz-42",
        "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--xYz-42-",
        "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--xYz-42  ",
        "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--xYz-42\r",
        "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--xYz-42\r\n",
        "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--xYz-42X\r\n",
        "--other\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--other--"})
    void truncatedBodyIsMalformed(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void paddingOverLimitIsMalformed() {
        String padding = " ".repeat(MultipartBuffer.MAX_TRANSPORT_PADDING + 1);
        String body = "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42" + padding + "\r\n\r\n--xYz-42--";

        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedMultipartException.class).hasMessageContaining("spaces or tabs");
    }

    @Test
    void paddingAtLimitIsAccepted() throws IOException {
        String padding = "\t".repeat(MultipartBuffer.MAX_TRANSPORT_PADDING);
        String body = "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42" + padding + "\r\n"
                + "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--xYz-42--";

        assertThat(parse(body)).containsExactly(ReadPart.field("a", "1"), ReadPart.field("b", "2"));
    }

    @Test
    void largeReadsReturnWholeBufferSpans() throws IOException {
        byte[] file = new byte[4 << 20];
        new Random(5).nextBytes(file);
        byte[] body = concat("--xYz-42\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n", file,
                "\r\n--xYz-42--");
        InputStream content = new MultipartStream(new ByteArrayInputStream(body), boundary(), LIMITS).nextPart().orElseThrow().content();

        byte[] buffer = new byte[128 * 1024];
        int largest = 0;
        long total = 0;
        for (int n = content.read(buffer); n != -1; n = content.read(buffer)) {
            largest = Math.max(largest, n);
            total += n;
        }

        assertThat(total).isEqualTo(file.length);
        assertThat(largest).isLessThanOrEqualTo(MultipartBuffer.SIZE).isGreaterThan(MultipartBuffer.SIZE - 100);
    }

    @Test
    void requestAtSizeLimitIsRead() throws IOException {
        String body = "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42--";

        assertThat(parse(body, limits(1L << 40, body.length(), 10, 8192))).hasSize(1);
    }

    @Test
    void requestOverSizeLimitIsRejected() {
        String body = "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xYz-42--";

        assertThatThrownBy(() -> parse(body, limits(1L << 40, body.length() - 1, 10, 8192)))
                .isInstanceOf(MultipartLimitException.class)
                .hasMessageContaining("storage.upload.max-request-size");
    }

    @Test
    void namelessPartsCountTowardPartLimit() throws IOException {
        String twoParts = "--xYz-42\r\n\r\nno name\r\n--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";

        assertThat(parse(twoParts + "--xYz-42--", limits(1L << 40, 1L << 40, 2, 8192))).hasSize(2);
        assertThatThrownBy(() -> parse(twoParts + "--xYz-42\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--xYz-42--",
                limits(1L << 40, 1L << 40, 2, 8192)))
                .isInstanceOf(MultipartLimitException.class)
                .hasMessageContaining("storage.upload.max-parts");
    }

    @Test
    void headerBlockLimitIsInclusive() throws IOException {
        String headers = "Content-Disposition: form-data; name=\"a\"\r\n\r\n";
        String body = "--xYz-42\r\n" + headers + "1\r\n--xYz-42--";

        assertThat(parse(body, limits(1L << 40, 1L << 40, 10, headers.length()))).hasSize(1);
        assertThatThrownBy(() -> parse(body, limits(1L << 40, 1L << 40, 10, headers.length() - 1)))
                .isInstanceOf(MultipartLimitException.class)
                .hasMessageContaining("storage.upload.max-part-header-size");
    }

    @Test
    void fileSizeLimitIsInclusive() throws IOException {
        String body = "--xYz-42\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n12345\r\n--xYz-42--";

        assertThat(parse(body, limits(5, 1L << 40, 10, 8192))).hasSize(1);
        assertThatThrownBy(() -> parse(body, limits(4, 1L << 40, 10, 8192)))
                .isInstanceOf(MultipartLimitException.class)
                .hasMessageContaining("storage.upload.max-file-size");
    }

    @Test
    void skippingPastFileSizeLimitIsRejected() throws IOException {
        InputStream content = stream("--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n12345\r\n--xYz-42--",
                limits(4, 1L << 40, 10, 8192)).nextPart().orElseThrow().content();

        assertThatThrownBy(() -> content.skip(5)).isInstanceOf(MultipartLimitException.class);
    }

    @Test
    void failingBodyPassesItsException() {
        IOException reset = new IOException("Connection reset");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(
                "--xYz-42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw reset;
                    }
                });

        assertThatThrownBy(() -> ReadPart.readAll(new MultipartStream(failing, boundary(), LIMITS), new Random(1))).isSameAs(reset);
    }

    private static List<ReadPart> parse(String body) throws IOException {
        return parse(body, LIMITS);
    }

    private static List<ReadPart> parse(String body, UploadLimits limits) throws IOException {
        return ReadPart.readAll(stream(body, limits), new Random(body.length()));
    }

    private static MultipartStream stream(String body) {
        return stream(body, LIMITS);
    }

    private static MultipartStream stream(String body, UploadLimits limits) {
        return new MultipartStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), boundary(), limits);
    }

    private static UploadLimits limits(long maxFileSize, long maxRequestSize, int maxParts, int maxPartHeaderSize) {
        return new UploadLimits(maxFileSize, maxRequestSize, maxParts, maxPartHeaderSize, "file");
    }

    private static byte[] boundary() {
        return BOUNDARY.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] end = tail.getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[start.length + middle.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(middle, 0, body, start.length, middle.length);
        System.arraycopy(end, 0, body, start.length + middle.length, end.length);
        return body;
    }
}
