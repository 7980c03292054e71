package dev.tracks.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumTest {

    @Test
    void md5OfEmptyInputMatchesKnownValue() throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(new byte[0]);

        Checksum checksum = Checksum.ofMd5(digest);

        assertThat(checksum.base64()).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
        assertThat(checksum.hex()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(checksum.bytes()).isEqualTo(digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1B2M2Y8AsgTpgAmY7PhCfg=", "1B2M2Y8AsgTpgAmY7PhCf!==", "1B2M2Y8AsgTpgAmY7PhCfg==AA",
        "d41d8cd98f00b204e9800998ecf8427e"})
    void malformedValueIsRejected(String value) {
        assertThatThrownBy(() -> new Checksum(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16-byte MD5");
    }

    @Test
    void twentyFourCharactersOfOtherLengthAreRejected() {
        // 24 base64 characters without padding decode to 18 bytes, not 16.
        assertThatThrownBy(() -> new Checksum("AAAAAAAAAAAAAAAAAAAAAAAA")).isInstanceOf(IllegalArgumentException.class);
    }
}
