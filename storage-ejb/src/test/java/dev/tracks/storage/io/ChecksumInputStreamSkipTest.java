package dev.tracks.storage.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ChecksumInputStreamSkipTest {

    @Test
    void negativeSkipSkipsNothing() throws IOException {
        ChecksumInputStream in = ChecksumInputStream.of(new ByteArrayInputStream(new byte[3]));

        assertThat(in.skip(-1)).isZero();
        assertThat(in.byteSize()).isZero();
    }
}
