package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobStatus;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BlobJsonOrderTest {

    @Test
    void propertiesAreWrittenInDeclaredOrder() throws Exception {
        Blob blob = new Blob(42, new StorageKey("tenants/acme/blobs/5f0c1a2e-8a3b-4c5d-9e6f-0a1b2c3d4e5f"), "report.pdf",
                "application/pdf", 1234, new Checksum("XUFAKrxLKna5cZ2REBfFkg=="), BlobStatus.ACTIVE,
                Instant.parse("2026-12-01T10:15:30Z"), new TenantId("acme"));

        try (var jsonb = JsonbBuilder.create()) {
            assertThat(jsonb.toJson(BlobJson.of(blob, "signed.id"))).isEqualTo("{\"id\":42,"
                    + "\"key\":\"tenants/acme/blobs/5f0c1a2e-8a3b-4c5d-9e6f-0a1b2c3d4e5f\","
                    + "\"filename\":\"report.pdf\","
                    + "\"content_type\":\"application/pdf\","
                    + "\"byte_size\":1234,"
                    + "\"checksum\":\"XUFAKrxLKna5cZ2REBfFkg==\","
                    + "\"status\":\"active\","
                    + "\"created_at\":\"2026-12-01T10:15:30Z\","
                    + "\"signed_id\":\"signed.id\"}");
        }
    }
}
