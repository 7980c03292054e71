package dev.tracks.storage.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrefixInputStreamTest {

    private final byte[] bytes = numbered(100);
    private final ByteArrayInputStream source = new ByteArrayInputStream(bytes);

    @Test
    void readsOnlyThePrefix() throws IOException {
        PrefixInputStream prefix = new PrefixInputStream(source, 10);

        assertThat(prefix.readAllBytes()).isEqualTo(Arrays.copyOf(bytes, 10));
        assertThat(prefix.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(source.read()).isEqualTo(10);
    }

    @Test
    void singleByteReadsStopAtTheLimit() throws IOException {
        PrefixInputStream prefix = new PrefixInputStream(source, 2);

        assertThat(prefix.read()).isEqualTo(0);
        assertThat(prefix.read()).isEqualTo(1);
        assertThat(prefix.read()).isEqualTo(-1);
    }

    @Test
    void prefixLongerThanTheStreamEndsWithIt() throws IOException {
        PrefixInputStream prefix = new PrefixInputStream(source, 1_000);

        assertThat(prefix.readAllBytes()).isEqualTo(bytes);
    }

    @Test
    void resetRewindsTheLimitToTheMark() throws IOException {
        PrefixInputStream prefix = new PrefixInputStream(new BufferedInputStream(source), 10);

        prefix.mark(1_000);
        byte[] first = prefix.readAllBytes();
        prefix.reset();
        byte[] second = prefix.readAllBytes();

        assertThat(first).isEqualTo(Arrays.copyOf(bytes, 10));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void markInsideThePrefixKeepsTheRemainingLimit() throws IOException {
        PrefixInputStream prefix = new PrefixInputStream(new BufferedInputStream(source), 10);
        prefix.readNBytes(4);

        prefix.mark(1_000);
        prefix.readAllBytes();
        prefix.reset();

        assertThat(prefix.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 4, 10));
    }

    @Test
    void markSupportFollowsTheSource() {
        InputStream unmarkable = new FilterInputStream(source) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };

        assertThat(new PrefixInputStream(source, 10).markSupported()).isTrue();
        assertThat(new PrefixInputStream(unmarkable, 10).markSupported()).isFalse();
    }

    @Test
    void closeLeavesTheSourceOpen() throws IOException {
        CloseRecordingInputStream recording = new CloseRecordingInputStream(source);

        new PrefixInputStream(recording, 10).close();

        assertThat(recording.closed).isFalse();
    }

    private static byte[] numbered(int length) {
        byte[] numbered = new byte[length];
        for (int i = 0; i < length; i++) {
            numbered[i] = (byte) i;
        }
        return numbered;
    }

    private static final class CloseRecordingInputStream extends FilterInputStream {

        boolean closed;

        CloseRecordingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
