package dev.tracks.storage.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobStatus;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.ContentDisposition.Type;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServingPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain", "video/mp4"})
    void renderableTypeStaysInline(String type) {
        Blob blob = blob(type, "file");

        assertThat(ServingPolicy.dispositionFor(blob, Type.INLINE)).isEqualTo(new ContentDisposition(Type.INLINE, "file"));
        assertThat(ServingPolicy.servedType(blob)).isEqualTo(type);
    }

    @Test
    void htmlIsAnOctetStreamAttachment() {
        Blob blob = blob("text/html", "page.html");

        assertThat(ServingPolicy.dispositionFor(blob, Type.INLINE)).isEqualTo(new ContentDisposition(Type.ATTACHMENT, "page.html"));
        assertThat(ServingPolicy.servedType(blob)).isEqualTo("application/octet-stream");
    }

    @Test
    void svgIsAnOctetStreamAttachment() {
        Blob blob = blob("image/svg+xml", "logo.svg");

        assertThat(ServingPolicy.dispositionFor(blob, Type.INLINE).type()).isEqualTo(Type.ATTACHMENT);
        assertThat(ServingPolicy.servedType(blob)).isEqualTo("application/octet-stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xhtml+xml", "application/xml", "text/xml", "text/javascript", "application/javascript",
        "application/ecmascript", "text/ecmascript", "application/x-javascript", "text/jscript", "text/x-javascript",
        "text/livescript", "application/xslt+xml", "application/rss+xml", "application/atom+xml", "text/html", "text/css",
        "application/x-shockwave-flash", "multipart/x-mixed-replace", "application/vnd.custom+xml"})
    void scriptCapableTypeIsAnOctetStreamAttachment(String type) {
        Blob blob = blob(type, "file");

        assertThat(ServingPolicy.dispositionFor(blob, Type.INLINE).type()).isEqualTo(Type.ATTACHMENT);
        assertThat(ServingPolicy.servedType(blob)).isEqualTo("application/octet-stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/zip", "application/octet-stream", "text/csv", "application/msword"})
    void otherTypeIsAnAttachmentOfItsOwnType(String type) {
        Blob blob = blob(type, "file");

        assertThat(ServingPolicy.dispositionFor(blob, Type.INLINE).type()).isEqualTo(Type.ATTACHMENT);
        assertThat(ServingPolicy.servedType(blob)).isEqualTo(type);
    }

    @Test
    void requestedAttachmentStaysAnAttachment() {
        Blob blob = blob("image/png", "photo.png");

        assertThat(ServingPolicy.dispositionFor(blob, Type.ATTACHMENT)).isEqualTo(new ContentDisposition(Type.ATTACHMENT, "photo.png"));
    }

    @Test
    void dispositionCarriesTheFilename() {
        Blob blob = blob("application/pdf", "r\u00e9sum\u00e9.pdf");

        assertThat(ServingPolicy.dispositionFor(blob, Type.INLINE).headerValue())
                .isEqualTo("inline; filename=\"resume.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
    }

    private static Blob blob(String contentType, String filename) {
        TenantId tenant = new TenantId("acme");
        return new Blob(1, StorageKey.forBlob(tenant, UUID.randomUUID()), filename, contentType, 10,
                Checksum.ofMd5(new byte[16]), BlobStatus.ACTIVE, Instant.parse("2026-12-01T10:00:00Z"), tenant);
    }
}
