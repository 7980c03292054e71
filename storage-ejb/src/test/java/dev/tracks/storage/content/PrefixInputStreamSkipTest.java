package dev.tracks.storage.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PrefixInputStreamSkipTest {

    @Test
    void skipStopsAtTheLimit() throws IOException {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        PrefixInputStream prefix = new PrefixInputStream(source, 10);

        assertThat(prefix.skip(50)).isEqualTo(10);
        assertThat(prefix.read()).isEqualTo(-1);
        assertThat(source.read()).isEqualTo(10);
    }
}
