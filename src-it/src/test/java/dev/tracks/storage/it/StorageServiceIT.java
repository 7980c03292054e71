package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.Blob;
import dev.tracks.storage.Driver;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.TenantRequiredException;
import dev.tracks.storage.driver.disk.DiskDriver;
import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.FailingInputStream;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StoredFiles;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.service.StorageService;
import dev.tracks.storage.tenant.TenantContext;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside Liberty against the real engine: StorageService, the JPA mapping on H2 and the disk
 * driver. Rows are read back with plain SQL and files from the disk root, so each test checks what
 * was committed and written, not what the service returned.
 */
@ExtendWith(ArquillianExtension.class)
class StorageServiceIT {

    private static final TenantId ACME = new TenantId("acme");
    private static final Pattern BLOB_KEY = Pattern.compile("tenants/acme/blobs/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Inject
    StorageService storage;

    @Inject
    TenantContext tenants;

    @Inject
    Driver driver;

    @Deployment
    static WebArchive deployment() {
        return TestDeployment.war("storage-service-it")
                .addClasses(BlobRows.class, BlobRows.Row.class, FailingInputStream.class, SampleFiles.class, StoredFiles.class);
    }

    @Test
    void pdfIsStoredUnderDetectedType() throws IOException {
        byte[] pdf = SampleFiles.pdf();
        tenants.bind(ACME);

        Blob blob = storage.attach(new ByteArrayInputStream(pdf), "report.bin", "application/octet-stream");

        BlobRows.Row row = rows().byId(blob.id()).orElseThrow();
        assertEquals("application/pdf", row.contentType());
        assertEquals(pdf.length, row.byteSize());
        assertEquals(SampleFiles.md5(pdf), row.checksum());
        assertEquals("active", row.status());
        assertEquals("acme", row.tenantId());
        assertEquals("report.bin", row.filename());
        assertTrue(BLOB_KEY.matcher(row.key()).matches(), "key " + row.key());
        assertEquals(row.key(), blob.key().value());
        assertArrayEquals(pdf, Files.readAllBytes(root().resolve(row.key())));
    }

    @Test
    void pngIsStoredUnderDetectedType() throws IOException {
        byte[] png = SampleFiles.png();
        tenants.bind(ACME);

        Blob blob = storage.attach(new ByteArrayInputStream(png), "photo.pdf", "application/pdf");

        BlobRows.Row row = rows().byId(blob.id()).orElseThrow();
        assertEquals("image/png", row.contentType());
        assertEquals(png.length, row.byteSize());
        assertEquals(SampleFiles.md5(png), row.checksum());
        assertEquals("active", row.status());
        assertEquals("acme", row.tenantId());
        assertEquals("photo.pdf", row.filename());
        assertTrue(BLOB_KEY.matcher(row.key()).matches(), "key " + row.key());
        assertEquals(row.key(), blob.key().value());
        assertArrayEquals(png, Files.readAllBytes(root().resolve(row.key())));
    }

    @Test
    void brokenUploadLeavesNoRowAndNoFile() {
        // A tenant of its own, so "no row for this tenant" cannot be hidden by other tests' rows.
        TenantId tenant = new TenantId("broken-" + UUID.randomUUID().toString().substring(0, 8));
        byte[] content = SampleFiles.noise(512 * 1024);
        Set<Path> filesBefore = StoredFiles.under(root());
        tenants.bind(tenant);

        StorageException failure = assertThrows(StorageException.class,
                () -> storage.attach(new FailingInputStream(content, 200 * 1024), "broken.bin", "application/octet-stream"));

        assertTrue(causedByInjectedFailure(failure), "unexpected failure " + failure);
        assertEquals(List.of(), rows().byTenant(tenant.value()));
        assertEquals(filesBefore, StoredFiles.under(root()));
    }

    @Test
    void attachWithoutTenantIsRejected() {
        Set<Path> filesBefore = StoredFiles.under(root());
        assertEquals(Optional.empty(), tenants.find(), "precondition: no tenant bound");

        assertThrows(TenantRequiredException.class,
                () -> storage.attach(new ByteArrayInputStream(SampleFiles.png()), "photo.png", "image/png"));

        assertEquals(filesBefore, StoredFiles.under(root()));
    }

    @Test
    void purgeRemovesRowAndFile() {
        tenants.bind(ACME);
        Blob blob = storage.attach(new ByteArrayInputStream(SampleFiles.pdf()), "purged.pdf", "application/pdf");
        Path file = root().resolve(blob.key().value());
        assertTrue(Files.exists(file), "precondition: the upload wrote " + file);

        storage.purge(blob);

        assertEquals(Optional.empty(), rows().byId(blob.id()));
        assertFalse(Files.exists(file), "file still present: " + file);
        assertEquals(Optional.empty(), storage.find(blob.id()));
    }

    @Test
    void otherTenantCannotFindBlob() {
        tenants.bind(ACME);
        Blob blob = storage.attach(new ByteArrayInputStream(SampleFiles.pdf()), "acme-only.pdf", "application/pdf");

        tenants.bind(new TenantId("globex"));

        assertEquals(Optional.empty(), storage.find(blob.id()));
    }

    private Path root() {
        return ((DiskDriver) driver).root();
    }

    private static BlobRows rows() {
        return BlobRows.inServer();
    }

    private static boolean causedByInjectedFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (FailingInputStream.FAILURE.equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
