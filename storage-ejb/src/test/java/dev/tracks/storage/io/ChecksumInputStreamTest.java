package dev.tracks.storage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.Checksum;
import dev.tracks.storage.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumInputStreamTest {

    private static final Checksum MD5_OF_HELLO = new Checksum("XUFAKrxLKna5cZ2REBfFkg==");

    @ParameterizedTest
    @CsvSource({
        "'', 1B2M2Y8AsgTpgAmY7PhCfg==",
        "hello, XUFAKrxLKna5cZ2REBfFkg==",
        "The quick brown fox jumps over the lazy dog, nhB9nTcrtoJr2B01QqQZ1g=="
    })
    void md5AndSizeMatchKnownValues(String text, String md5) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ChecksumInputStream in = ChecksumInputStream.of(new ByteArrayInputStream(bytes));

        byte[] read = in.readAllBytes();

        assertThat(read).isEqualTo(bytes);
        assertThat(in.byteSize()).isEqualTo(bytes.length);
        assertThat(in.checksum()).isEqualTo(new Checksum(md5));
    }

    @Test
    void emptyStreamHasTheMd5OfNothing() throws IOException {
        ChecksumInputStream in = ChecksumInputStream.of(InputStream.nullInputStream());

        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.byteSize()).isZero();
        assertThat(in.checksum().base64()).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    @Test
    void megabyteMatchesKnownMd5() throws IOException {
        ChecksumInputStream in = ChecksumInputStream.of(new ByteArrayInputStream(pattern(1_000_000)));

        in.transferTo(OutputStream.nullOutputStream());

        assertThat(in.byteSize()).isEqualTo(1_000_000);
        assertThat(in.checksum().base64()).isEqualTo("Ne/dsoEc6ey9+hfxhHLmBA==");
    }

    @Test
    void byteAtATimeReadsGiveTheSameResult() throws IOException {
        byte[] bytes = pattern(10_000);
        ChecksumInputStream whole = ChecksumInputStream.of(new ByteArrayInputStream(bytes));
        ChecksumInputStream single = ChecksumInputStream.of(new ByteArrayInputStream(bytes));
        whole.readAllBytes();

        int count = 0;
        int b;
        while ((b = single.read()) != -1) {
            assertThat(b).isEqualTo(bytes[count] & 0xff);
            count++;
        }

        assertThat(count).isEqualTo(bytes.length);
        assertThat(single.byteSize()).isEqualTo(whole.byteSize());
        assertThat(single.checksum()).isEqualTo(whole.checksum());
    }

    @Test
    void skippedBytesAreStillHashed() throws IOException {
        ChecksumInputStream in = ChecksumInputStream.of(ascii("hello"));

        long skipped = in.skip(2);
        byte[] rest = in.readAllBytes();

        assertThat(skipped).isEqualTo(2);
        assertThat(new String(rest, StandardCharsets.US_ASCII)).isEqualTo("llo");
        assertThat(in.byteSize()).isEqualTo(5);
        assertThat(in.checksum()).isEqualTo(MD5_OF_HELLO);
    }

    @Test
    void checksumBeforeEndOfStreamThrows() throws IOException {
        ChecksumInputStream in = ChecksumInputStream.of(ascii("hello"));

        assertThatThrownBy(in::checksum).isInstanceOf(IllegalStateException.class);
        assertThat(in.read(new byte[5], 0, 5)).isEqualTo(5);

        // All bytes are read, but the end has not been seen yet.
        assertThat(in.byteSize()).isEqualTo(5);
        assertThatThrownBy(in::checksum)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the stream reached its end");
    }

    @Test
    void markAndResetAreNotSupported() {
        ChecksumInputStream in = ChecksumInputStream.of(ascii("hello"));
        in.mark(10);

        assertThat(in.markSupported()).isFalse();
        assertThatThrownBy(in::reset).isInstanceOf(IOException.class);
    }

    @Test
    void expectedSizeAndChecksumPass() throws IOException {
        ChecksumInputStream in = ChecksumInputStream.expecting(ascii("hello"), 5, MD5_OF_HELLO);

        assertThat(in.readAllBytes()).hasSize(5);
        assertThat(in.checksum()).isEqualTo(MD5_OF_HELLO);
    }

    @Test
    void tooLongFailsOnceItExceeds() throws IOException {
        EndlessInputStream endless = new EndlessInputStream();
        ChecksumInputStream in = ChecksumInputStream.expecting(endless, 10, MD5_OF_HELLO);
        byte[] buffer = new byte[4];

        assertThat(in.read(buffer, 0, 4)).isEqualTo(4);
        assertThat(in.read(buffer, 0, 4)).isEqualTo(4);
        assertThatThrownBy(() -> in.read(buffer, 0, 4))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("longer than its declared byte_size of 10 bytes");

        assertThat(endless.served).isEqualTo(12);
    }

    @Test
    void endlessBodyIsStoppedWhileCopying() {
        EndlessInputStream endless = new EndlessInputStream();
        ChecksumInputStream in = ChecksumInputStream.expecting(endless, 100_000, MD5_OF_HELLO);

        assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream())).isInstanceOf(IntegrityException.class);

        assertThat(endless.served).isLessThanOrEqualTo(100_000 + 16_384);
    }

    @Test
    void tooShortFailsAtEndOfStream() throws IOException {
        ChecksumInputStream in = ChecksumInputStream.expecting(ascii("hello"), 10, MD5_OF_HELLO);

        assertThat(in.read(new byte[5], 0, 5)).isEqualTo(5);
        assertThatThrownBy(in::read)
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("has 5 bytes but its declared byte_size is 10");
    }

    @Test
    void wrongChecksumFailsAtEndOfStream() throws IOException {
        Checksum md5OfWorld = new Checksum("fXkwN6B2AYZXSwKC8vQ15w==");
        ChecksumInputStream in = ChecksumInputStream.expecting(ascii("hello"), 5, md5OfWorld);

        assertThat(in.read(new byte[5], 0, 5)).isEqualTo(5);
        assertThatThrownBy(in::read)
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("MD5 is XUFAKrxLKna5cZ2REBfFkg==")
                .hasMessageContaining("declared checksum is fXkwN6B2AYZXSwKC8vQ15w==");
    }

    @Test
    void sizeAloneCanBeExpected() throws IOException {
        ChecksumInputStream exact = ChecksumInputStream.expecting(ascii("hello"), 5, null);
        ChecksumInputStream shorter = ChecksumInputStream.expecting(ascii("hello"), 6, null);

        assertThat(exact.readAllBytes()).hasSize(5);
        assertThat(exact.checksum()).isEqualTo(MD5_OF_HELLO);
        assertThatThrownBy(shorter::readAllBytes).isInstanceOf(IntegrityException.class);
    }

    private static ByteArrayInputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    /** Serves zero bytes forever and counts them. */
    private static final class EndlessInputStream extends InputStream {

        long served;

        @Override
        public int read() {
            served++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            served += length;
            Arrays.fill(buffer, offset, offset + length, (byte) 0);
            return length;
        }
    }
}
