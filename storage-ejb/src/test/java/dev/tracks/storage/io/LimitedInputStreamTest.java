package dev.tracks.storage.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

    private final byte[] bytes = numbered(100);
    private final ByteArrayInputStream source = new ByteArrayInputStream(bytes);

    @Test
    void readsExactlyTheLimit() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 10);

        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOf(bytes, 10));
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void bytesAfterTheLimitStayInTheSource() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 10);

        in.readAllBytes();

        assertThat(source.read()).isEqualTo(10);
    }

    @Test
    void singleByteReadsStopAtTheLimit() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 3);

        assertThat(in.read()).isEqualTo(0);
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.read()).isEqualTo(2);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(source.read()).isEqualTo(3);
    }

    @Test
    void largeBufferIsFilledToTheLimit() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 10);
        byte[] buffer = new byte[50];

        assertThat(in.read(buffer, 5, 50 - 5)).isEqualTo(10);
        assertThat(Arrays.copyOfRange(buffer, 5, 15)).isEqualTo(Arrays.copyOf(bytes, 10));
        assertThat(in.read(buffer, 0, 50)).isEqualTo(-1);
    }

    @Test
    void limitBeyondTheEndEndsWithTheSource() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 1_000);

        assertThat(in.readAllBytes()).isEqualTo(bytes);
    }

    @Test
    void zeroLimitReadsNothing() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 0);

        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
        assertThat(source.available()).isEqualTo(100);
    }

    @Test
    void skippedBytesCountTowardTheLimit() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 10);

        assertThat(in.skip(4)).isEqualTo(4);
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 4, 10));
    }

    @Test
    void skipStopsAtTheLimit() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 10);

        assertThat(in.skip(50)).isEqualTo(10);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(source.read()).isEqualTo(10);
    }

    @Test
    void availableIsCappedAtTheRemainingBytes() throws IOException {
        LimitedInputStream in = new LimitedInputStream(source, 10);

        assertThat(in.available()).isEqualTo(10);
        in.readNBytes(7);
        assertThat(in.available()).isEqualTo(3);
    }

    @Test
    void markSupportFollowsTheSource() {
        assertThat(new LimitedInputStream(source, 10).markSupported()).isTrue();
    }

    private static byte[] numbered(int length) {
        byte[] numbered = new byte[length];
        for (int i = 0; i < length; i++) {
            numbered[i] = (byte) i;
        }
        return numbered;
    }
}
