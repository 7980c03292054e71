package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobStatus;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlobJsonTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final StorageKey KEY = new StorageKey("tenants/acme/blobs/5f0c1a2e-8a3b-4c5d-9e6f-0a1b2c3d4e5f");
    private static final Instant CREATED_AT = Instant.parse("2026-12-01T10:15:30Z");
    private static final String SIGNED_ID = "eyJpZCI6NDJ9.c2lnbmF0dXJl";

    private final Jsonb jsonb = JsonbBuilder.create();

    @AfterEach
    void closeJsonb() throws Exception {
        jsonb.close();
    }

    @Test
    void blobIsWrittenWithSnakeCaseNames() {
        Blob blob = new Blob(42, KEY, "report.pdf", "application/pdf", 1234, new Checksum("XUFAKrxLKna5cZ2REBfFkg=="),
                BlobStatus.ACTIVE, CREATED_AT, ACME);

        JsonObject json = parse(jsonb.toJson(BlobJson.of(blob, SIGNED_ID)));

        assertThat(json.keySet())
                .containsExactlyInAnyOrder("id", "key", "filename", "content_type", "byte_size", "checksum", "status", "created_at",
                        "signed_id");
        assertThat(json.getJsonNumber("id").longValueExact()).isEqualTo(42);
        assertThat(json.getString("key")).isEqualTo("tenants/acme/blobs/5f0c1a2e-8a3b-4c5d-9e6f-0a1b2c3d4e5f");
        assertThat(json.getString("filename")).isEqualTo("report.pdf");
        assertThat(json.getString("content_type")).isEqualTo("application/pdf");
        assertThat(json.getJsonNumber("byte_size").longValueExact()).isEqualTo(1234);
        assertThat(json.getString("checksum")).isEqualTo("XUFAKrxLKna5cZ2REBfFkg==");
        assertThat(json.getString("status")).isEqualTo("active");
        assertThat(json.getString("created_at")).isEqualTo("2026-12-01T10:15:30Z");
        assertThat(json.getString("signed_id")).isEqualTo(SIGNED_ID);
    }

    @Test
    void pendingBlobWithoutChecksumOmitsIt() {
        // JSON-B leaves out null properties unless they are marked nillable.
        Blob blob = new Blob(7, KEY, "photo.png", "image/png", 0, null, BlobStatus.PENDING, CREATED_AT, ACME);

        JsonObject json = parse(jsonb.toJson(BlobJson.of(blob, SIGNED_ID)));

        assertThat(json).doesNotContainKey("checksum");
        assertThat(json.getString("status")).isEqualTo("pending");
    }

    @Test
    void filenameIsEscapedInJson() {
        Blob blob = new Blob(7, KEY, "say \"hi\"\\.txt", "text/plain", 2, new Checksum("XUFAKrxLKna5cZ2REBfFkg=="),
                BlobStatus.ACTIVE, CREATED_AT, ACME);

        String json = jsonb.toJson(BlobJson.of(blob, SIGNED_ID));

        assertThat(parse(json).getString("filename")).isEqualTo("say \"hi\"\\.txt");
    }

    @Test
    void tenantIsNotWritten() {
        Blob blob = new Blob(7, KEY, "a.txt", "text/plain", 2, null, BlobStatus.ACTIVE, CREATED_AT, new TenantId("secret-tenant"));

        assertThat(jsonb.toJson(BlobJson.of(blob, SIGNED_ID))).doesNotContain("secret-tenant");
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
