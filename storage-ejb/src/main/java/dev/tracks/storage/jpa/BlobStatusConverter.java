package dev.tracks.storage.jpa;

import dev.tracks.storage.BlobStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link BlobStatus} as the lowercase words the migrations define, {@code pending} and
 * {@code active}, rather than JPA's default enum names.
 */
@Converter
public class BlobStatusConverter implements AttributeConverter<BlobStatus, String> {

    @Override
    public String convertToDatabaseColumn(BlobStatus status) {
        return status == null ? null : status.columnValue();
    }

    @Override
    public BlobStatus convertToEntityAttribute(String value) {
        return value == null ? null : BlobStatus.fromColumnValue(value);
    }
}
