package dev.tracks.storage.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.BlobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobStatusConverterTest {

    private final BlobStatusConverter converter = new BlobStatusConverter();

    @Test
    void statusIsStoredAsLowercaseWord() {
        assertThat(converter.convertToDatabaseColumn(BlobStatus.PENDING)).isEqualTo("pending");
        assertThat(converter.convertToDatabaseColumn(BlobStatus.ACTIVE)).isEqualTo("active");
    }

    @ParameterizedTest
    @EnumSource(BlobStatus.class)
    void statusRoundTrips(BlobStatus status) {
        assertThat(converter.convertToEntityAttribute(converter.convertToDatabaseColumn(status))).isEqualTo(status);
    }

    @Test
    void nullStaysNull() {
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
        assertThat(converter.convertToEntityAttribute(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACTIVE", "Pending", "deleted", "", " active"})
    void unknownColumnValueIsRejected(String value) {
        assertThatThrownBy(() -> converter.convertToEntityAttribute(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + value + "' is unknown");
    }
}
