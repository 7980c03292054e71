package dev.tracks.storage.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

    private static final String HTML = "<!DOCTYPE html>\n<html><head><title>Invoice</title></head>"
            + "<body><script>alert(document.cookie)</script></body></html>\n";

    private final ContentSniffer sniffer = new ContentSniffer();

    @Test
    void pngIsDetectedDespiteAPdfFilename() {
        assertThat(detect(image("png"), "report.pdf")).isEqualTo("image/png");
    }

    @Test
    void jpegIsDetectedDespiteAPngFilename() {
        assertThat(detect(image("jpg"), "photo.png")).isEqualTo("image/jpeg");
    }

    @Test
    void gifIsDetectedDespiteAJpegFilename() {
        assertThat(detect(image("gif"), "animation.jpg")).isEqualTo("image/gif");
    }

    @Test
    void pdfIsDetectedDespiteAPngFilename() {
        assertThat(detect(pdf(), "image.png")).isEqualTo("application/pdf");
    }

    @Test
    void zipIsDetectedDespiteAPdfFilename() {
        assertThat(detect(zip(), "archive.pdf")).isEqualTo("application/zip");
    }

    @Test
    void plainTextIsDetectedDespiteAPngFilename() {
        byte[] text = "Meeting notes\nBring the quarterly numbers.\n".getBytes(StandardCharsets.UTF_8);

        assertThat(detect(text, "photo.png")).isEqualTo("text/plain");
    }

    @Test
    void htmlIsDetectedDespiteATextFilename() {
        assertThat(detect(HTML.getBytes(StandardCharsets.UTF_8), "notes.txt")).isEqualTo("text/html");
    }

    @Test
    void typeIsDetectedWithoutAFilename() {
        assertThat(detect(image("png"), null)).isEqualTo("image/png");
        assertThat(detect(pdf(), null)).isEqualTo("application/pdf");
    }

    @Test
    void unknownBinaryIsOctetStream() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0;

        assertThat(detect(noise, null)).isEqualTo("application/octet-stream");
        assertThat(detect(noise, "blob.bin")).isEqualTo("application/octet-stream");
    }

    @Test
    void noiseNamedPngIsOctetStream() {
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        noise[0] = 0;

        assertThat(detect(noise, "photo.png")).isEqualTo("application/octet-stream");
        assertThat(detect(noise, "report.pdf")).isEqualTo("application/octet-stream");
        assertThat(detect(new byte[0], "photo.png")).isEqualTo("application/octet-stream");
    }

    @Test
    void filenameRefinesWhatTheBytesShow() {
        byte[] csv = "name,price\nlamp,12\n".getBytes(StandardCharsets.UTF_8);

        assertThat(detect(csv, "prices.csv")).isEqualTo("text/csv");
        assertThat(detect(zip(), "letter.docx")).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void filenameNamesFormatWithoutSignature() {
        byte[] json = "{\"price\": 12}".getBytes(StandardCharsets.UTF_8);

        assertThat(detect(json, "price.json")).isEqualTo("application/json");
    }

    @Test
    void streamIsRewoundAfterDetection() throws IOException {
        byte[] png = image("png");
        InputStream content = new BufferedInputStream(new ByteArrayInputStream(png));

        sniffer.detect(content, "a.png");

        assertThat(content.readAllBytes()).isEqualTo(png);
    }

    @Test
    void streamIsRewoundToWhereItWas() throws IOException {
        byte[] bytes = ("skip" + HTML).getBytes(StandardCharsets.UTF_8);
        InputStream content = new BufferedInputStream(new ByteArrayInputStream(bytes));
        content.readNBytes(4);

        String type = sniffer.detect(content, null);

        assertThat(type).isEqualTo("text/html");
        assertThat(content.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 4, bytes.length));
    }

    @Test
    void detectionReadsOnlyThePrefix() throws IOException {
        int bufferSize = 8192;
        long size = 10L * 1024 * 1024;
        CountingInputStream counting = new CountingInputStream(new TextInputStream(size));
        InputStream content = new BufferedInputStream(counting, bufferSize);

        String type = sniffer.detect(content, "large.txt");
        long readByDetection = counting.count;
        long total = content.transferTo(OutputStream.nullOutputStream());

        assertThat(type).isEqualTo("text/plain");
        assertThat(readByDetection).isLessThanOrEqualTo(ContentSniffer.PREFIX_LENGTH + bufferSize);
        assertThat(total).isEqualTo(size);
    }

    @Test
    void streamWithoutMarkIsRejected() {
        InputStream unmarkable = new FilterInputStream(new ByteArrayInputStream(image("png"))) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };

        assertThatThrownBy(() -> sniffer.detect(unmarkable, "a.png"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mark and reset");
    }

    @Test
    void equalTypesAgree() {
        assertThat(sniffer.agrees("image/png", "image/png")).isTrue();
        assertThat(sniffer.agrees("text/plain; charset=UTF-8", "text/plain")).isTrue();
    }

    @Test
    void specializationOfTheDetectedTypeAgrees() {
        assertThat(sniffer.agrees("text/csv", "text/plain")).isTrue();
        assertThat(sniffer.agrees("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"))
                .isTrue();
    }

    @Test
    void unsignedDeclaredTypeAgreesWithOctetStream() {
        assertThat(sniffer.agrees("text/csv", "application/octet-stream")).isTrue();
        assertThat(sniffer.agrees("application/json", "application/octet-stream")).isTrue();
        assertThat(sniffer.agrees("application/x-invented", "application/octet-stream")).isTrue();
    }

    @Test
    void signedDeclaredTypeDisagreesWithOctetStream() {
        assertThat(sniffer.agrees("image/png", "application/octet-stream")).isFalse();
        assertThat(sniffer.agrees("application/pdf", "application/octet-stream")).isFalse();
        assertThat(sniffer.agrees("text/html", "application/octet-stream")).isFalse();
    }

    @Test
    void signatureIsKnownOnlyForRegisteredFormats() {
        assertThat(sniffer.hasSignature("image/png")).isTrue();
        assertThat(sniffer.hasSignature("image/png; charset=x")).isTrue();
        assertThat(sniffer.hasSignature("text/csv")).isFalse();
        assertThat(sniffer.hasSignature("application/x-invented")).isFalse();
        assertThat(sniffer.hasSignature("not a type")).isFalse();
    }

    @Test
    void contradictingTypesDisagree() {
        assertThat(sniffer.agrees("image/png", "text/html")).isFalse();
        assertThat(sniffer.agrees("application/pdf", "image/jpeg")).isFalse();
        assertThat(sniffer.agrees("text/plain", "text/html")).isFalse();
        assertThat(sniffer.agrees("application/zip", "application/pdf")).isFalse();
    }

    @Test
    void malformedDeclaredTypeDisagrees() {
        assertThat(sniffer.agrees("not a type", "text/plain")).isFalse();
        assertThat(sniffer.agrees("", "text/plain")).isFalse();
    }

    private String detect(byte[] content, String filename) {
        return sniffer.detect(new BufferedInputStream(new ByteArrayInputStream(content)), filename);
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, Color.ORANGE.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("This JDK has no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] pdf() {
        String pdf = "%PDF-1.4\n"
                + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                + "trailer << /Root 1 0 R >>\n"
                + "%%EOF\n";
        return pdf.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("inside the archive".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Counts the bytes read from the wrapped stream. */
    private static final class CountingInputStream extends FilterInputStream {

        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b != -1) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** Serves {@code size} bytes of ASCII text without holding them in memory. */
    private static final class TextInputStream extends InputStream {

        private static final byte[] LINE = "All work and no play makes a dull upload.\n".getBytes(StandardCharsets.US_ASCII);

        private final long size;
        private long position;

        TextInputStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return LINE[(int) (position++ % LINE.length)];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = LINE[(int) (position++ % LINE.length)];
            }
            return n;
        }
    }
}
