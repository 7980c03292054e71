package dev.tracks.storage.config;

import static dev.tracks.storage.config.StorageConfigTest.configOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.DriverConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StorageConfigLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"storage.upload.max-parts", "storage.upload.max-part-header-size"})
    void countBeyondIntRangeNamesTheKey(String key) {
        StorageConfig config = configOf(key, "4294967297");

        assertThatThrownBy(config::uploadLimits)
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining(key);
    }

    @Test
    void largestFileSizeKeepsADefaultRequestSize() {
        StorageConfig config = configOf("storage.upload.max-file-size", String.valueOf(Long.MAX_VALUE));

        assertThat(config.uploadLimits().maxRequestSize()).isEqualTo(Long.MAX_VALUE);
    }
}
