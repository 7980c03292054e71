package dev.tracks.storage.it;

import static dev.tracks.storage.it.support.Transactions.committed;
import static dev.tracks.storage.it.support.Transactions.failedCommit;
import static dev.tracks.storage.it.support.Transactions.rolledBack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.Blob;
import dev.tracks.storage.Driver;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.driver.disk.DiskDriver;
import dev.tracks.storage.it.app.Gadget;
import dev.tracks.storage.it.app.Gadgets;
import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.GadgetRows;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.Transactions;
import dev.tracks.storage.service.Attachments;
import dev.tracks.storage.service.DirectUpload;
import dev.tracks.storage.service.DirectUploadRequest;
import dev.tracks.storage.service.DirectUploads;
import dev.tracks.storage.service.StorageService;
import dev.tracks.storage.tenant.TenantContext;
import dev.tracks.storage.web.StorageErrors;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code @Attachment} lifecycle inside Liberty, on the test entity {@link Gadget}: finalizing
 * direct uploads, attaching, replacing, detaching and removing owners, each committed or rolled
 * back through a real JTA transaction. Rows are read back with SQL and files from the disk root
 * after the transaction has ended, so each test checks what the clean-ups left behind.
 */
@ExtendWith(ArquillianExtension.class)
class AttachmentLifecycleIT {

    private static final TenantId ACME = new TenantId("acme");
    private static final String IMAGE = "imageBlobId";
    private static final String DOCUMENTS = "documentIds";

    @Inject
    Attachments attachments;

    @Inject
    DirectUploads directUploads;

    @Inject
    StorageService storage;

    @Inject
    Gadgets gadgets;

    @Inject
    TenantContext tenants;

    @Inject
    Driver driver;

    @Deployment
    static WebArchive deployment() {
        return TestDeployment.war("attachment-lifecycle-it")
                .addClasses(BlobRows.class, GadgetRows.class, SampleFiles.class, Transactions.class);
    }

    @BeforeEach
    void bindTenant() {
        tenants.bind(ACME);
    }

    @Test
    void attachActivatesAndMarksBlob() throws IOException {
        byte[] png = SampleFiles.png();
        DirectUpload upload = uploadDirectly("photo.png", "image/png", png, png);

        long gadgetId = committed(() -> gadgets.create("lamp").getId());

        Blob attached = committed(() -> attachments.attach(gadgets.find(gadgetId), IMAGE, upload.signedId()));

        BlobRows.Row row = rows().byId(upload.blob().id()).orElseThrow();
        assertEquals("active", row.status());
        assertNotNull(row.attachedAt(), "attached_at");
        assertEquals(png.length, row.byteSize());
        assertEquals(SampleFiles.md5(png), row.checksum());
        assertEquals("image/png", row.contentType());
        assertEquals(Optional.of(upload.blob().id()), gadgetRows().imageBlobId(gadgetId));
        assertArrayEquals(png, Files.readAllBytes(fileOf(row.key())));
        assertEquals(upload.blob().id(), attached.id());
        assertTrue(attached.isActive(), "attach returned " + attached);
    }

    @Test
    void replaceThenCommitPurgesOldBlob() {
        Blob old = storeOnServer(SampleFiles.png(), "old.png");
        Blob replacement = storeOnServer(SampleFiles.png(), "new.png");
        long gadgetId = gadgetWithImage(old);

        committed(() -> attachments.attach(gadgets.find(gadgetId), IMAGE, replacement));

        assertEquals(Optional.empty(), rows().byId(old.id()));
        assertFalse(Files.exists(fileOf(old)), "old file still present");
        assertNotNull(rows().byId(replacement.id()).orElseThrow().attachedAt(), "replacement attached_at");
        assertTrue(Files.exists(fileOf(replacement)), "replacement file missing");
        assertEquals(Optional.of(replacement.id()), gadgetRows().imageBlobId(gadgetId));
    }

    @Test
    void replaceThenRollbackKeepsOldBlob() {
        byte[] png = SampleFiles.png();
        Blob old = storeOnServer(png, "old.png");
        long gadgetId = gadgetWithImage(old);
        DirectUpload replacement = uploadDirectly("new.png", "image/png", png, png);

        failedCommit(() -> attachments.attach(gadgets.find(gadgetId), IMAGE, replacement.signedId()));

        BlobRows.Row oldRow = rows().byId(old.id()).orElseThrow();
        assertEquals("active", oldRow.status());
        assertNotNull(oldRow.attachedAt(), "old attached_at");
        assertTrue(Files.exists(fileOf(old)), "old file missing");
        assertEquals(Optional.of(old.id()), gadgetRows().imageBlobId(gadgetId));
        assertEquals(Optional.empty(), rows().byId(replacement.blob().id()));
        assertFalse(Files.exists(fileOf(replacement.blob())), "replacement file still present");
    }

    @Test
    void failedSaveDiscardsNewServerBlob() {
        Blob old = storeOnServer(SampleFiles.png(), "old.png");
        long gadgetId = gadgetWithImage(old);
        Blob replacement = storeOnServer(SampleFiles.png(), "new.png");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> committed(() -> {
            attachments.attach(gadgets.find(gadgetId), IMAGE, replacement);
            throw new IllegalStateException("save failed");
        }));

        assertEquals("save failed", failure.getMessage());
        assertTrue(Files.exists(fileOf(old)), "old file missing");
        assertEquals(Optional.of(old.id()), gadgetRows().imageBlobId(gadgetId));
        assertTrue(rows().byId(old.id()).isPresent(), "old row missing");
        assertEquals(Optional.empty(), rows().byId(replacement.id()));
        assertFalse(Files.exists(fileOf(replacement)), "replacement file still present");
    }

    @Test
    void ownerRemovalPurgesBlobsAfterCommit() {
        List<Blob> blobs = fullGadgetBlobs();
        long gadgetId = gadgetHolding(blobs);

        committed(() -> gadgets.remove(gadgetId));

        assertFalse(gadgetRows().exists(gadgetId), "gadget still present");
        for (Blob blob : blobs) {
            assertEquals(Optional.empty(), rows().byId(blob.id()), blob.filename());
            assertFalse(Files.exists(fileOf(blob)), blob.filename() + " file still present");
        }
    }

    @Test
    void rolledBackOwnerRemovalKeepsBlobs() {
        List<Blob> blobs = fullGadgetBlobs();
        long gadgetId = gadgetHolding(blobs);

        rolledBack(() -> gadgets.remove(gadgetId));

        assertTrue(gadgetRows().exists(gadgetId), "gadget missing");
        for (Blob blob : blobs) {
            assertNotNull(rows().byId(blob.id()).orElseThrow().attachedAt(), blob.filename() + " attached_at");
            assertTrue(Files.exists(fileOf(blob)), blob.filename() + " file missing");
        }
    }

    @Test
    void purgeAllDeletesRowsInOwnersTransaction() {
        List<Blob> blobs = fullGadgetBlobs();
        long gadgetId = gadgetHolding(blobs);

        committed(() -> {
            Gadget gadget = gadgets.find(gadgetId);
            attachments.purgeAll(gadget);
            gadgets.remove(gadgetId);
        });

        assertFalse(gadgetRows().exists(gadgetId), "gadget still present");
        for (Blob blob : blobs) {
            assertEquals(Optional.empty(), rows().byId(blob.id()), blob.filename());
            assertFalse(Files.exists(fileOf(blob)), blob.filename() + " file still present");
        }
    }

    @Test
    void rolledBackPurgeAllKeepsFiles() {
        List<Blob> blobs = fullGadgetBlobs();
        long gadgetId = gadgetHolding(blobs);

        rolledBack(() -> attachments.purgeAll(gadgets.find(gadgetId)));

        for (Blob blob : blobs) {
            assertTrue(rows().byId(blob.id()).isPresent(), blob.filename() + " row missing");
            assertTrue(Files.exists(fileOf(blob)), blob.filename() + " file missing");
        }
    }

    @Test
    void documentsAttachAndDetach() {
        byte[] pdf = SampleFiles.pdf();
        DirectUpload report = uploadDirectly("report.pdf", "application/pdf", pdf, pdf);
        Blob notes = storeOnServer("meeting notes".getBytes(StandardCharsets.UTF_8), "notes.txt");

        long gadgetId = committed(() -> {
            Gadget gadget = gadgets.create("binder");
            attachments.attach(gadget, DOCUMENTS, report.signedId());
            attachments.attach(gadget, DOCUMENTS, notes);
            return gadget.getId();
        });

        assertEquals(List.of(report.blob().id(), notes.id()), gadgetRows().documentIds(gadgetId));
        assertNotNull(rows().byId(report.blob().id()).orElseThrow().attachedAt(), "report attached_at");
        assertNotNull(rows().byId(notes.id()).orElseThrow().attachedAt(), "notes attached_at");

        committed(() -> attachments.detach(gadgets.find(gadgetId), DOCUMENTS, report.blob().id()));

        assertEquals(List.of(notes.id()), gadgetRows().documentIds(gadgetId));
        assertEquals(Optional.empty(), rows().byId(report.blob().id()));
        assertFalse(Files.exists(fileOf(report.blob())), "detached file still present");
        assertTrue(Files.exists(fileOf(notes)), "kept file missing");
    }

    @Test
    void detachingOtherRecordsBlobIsNoOp() {
        Blob mine = storeOnServer(SampleFiles.png(), "mine.png");
        Blob theirs = storeOnServer(SampleFiles.png(), "theirs.png");
        long myGadget = gadgetWithImage(mine);
        long theirGadget = gadgetWithImage(theirs);

        committed(() -> attachments.detach(gadgets.find(myGadget), IMAGE, theirs.id()));

        assertEquals(Optional.of(mine.id()), gadgetRows().imageBlobId(myGadget));
        assertEquals(Optional.of(theirs.id()), gadgetRows().imageBlobId(theirGadget));
        assertTrue(rows().byId(theirs.id()).isPresent(), "other record's blob row deleted");
        assertTrue(Files.exists(fileOf(theirs)), "other record's file deleted");
    }

    @Test
    void rejectedBlobOfOtherRecordIsKept() {
        byte[] pdf = SampleFiles.pdf();
        Blob report = storeOnServer(pdf, "report.pdf");
        committed(() -> attachments.attach(gadgets.create("binder"), DOCUMENTS, report));

        InvalidInputException failure = assertThrows(InvalidInputException.class, () -> gadgetWithImage(report));

        assertEquals("content_type", failure.field());
        assertTrue(rows().byId(report.id()).isPresent(), "other record's blob row deleted");
        assertTrue(Files.exists(fileOf(report)), "other record's file deleted");
    }

    @Test
    void attachOutsideTransactionIsRejected() {
        Blob image = storeOnServer(SampleFiles.png(), "photo.png");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> attachments.attach(new Gadget("loose"), IMAGE, image));

        assertTrue(failure.getMessage().contains("needs an active transaction"), failure.getMessage());
        assertTrue(rows().byId(image.id()).isPresent(), "blob row deleted");
        assertTrue(Files.exists(fileOf(image)), "blob file deleted");
    }

    @Test
    void checksumMismatchIsRejectedAndObjectDeleted() {
        byte[] png = SampleFiles.png();
        byte[] altered = png.clone();
        altered[altered.length / 2] ^= 0x01;
        DirectUpload upload = uploadDirectly("photo.png", "image/png", png, altered);

        IntegrityException failure = assertThrows(IntegrityException.class, () -> attachToNewGadget(IMAGE, upload));

        assertUnprocessable(failure, "integrity_error");
        assertObjectDeletedAndRowPending(upload);
    }

    @Test
    void sizeMismatchIsRejectedAndObjectDeleted() {
        byte[] png = SampleFiles.png();
        byte[] longer = new byte[png.length + 10];
        System.arraycopy(png, 0, longer, 0, png.length);
        DirectUpload upload = uploadDirectly("photo.png", "image/png", png, longer);

        IntegrityException failure = assertThrows(IntegrityException.class, () -> attachToNewGadget(IMAGE, upload));

        assertUnprocessable(failure, "integrity_error");
        assertObjectDeletedAndRowPending(upload);
    }

    @Test
    void pdfDeclaredAsPngIsRejected() {
        byte[] pdf = SampleFiles.pdf();
        DirectUpload upload = uploadDirectly("photo.png", "image/png", pdf, pdf);

        IntegrityException failure = assertThrows(IntegrityException.class, () -> attachToNewGadget(IMAGE, upload));

        assertUnprocessable(failure, "integrity_error");
        assertTrue(failure.getMessage().contains("application/pdf"), failure.getMessage());
        assertObjectDeletedAndRowPending(upload);
    }

    @Test
    void noiseDeclaredAndNamedAsPngIsRejected() {
        byte[] noise = SampleFiles.noise(5000);
        DirectUpload upload = uploadDirectly("photo.png", "image/png", noise, noise);

        IntegrityException failure = assertThrows(IntegrityException.class, () -> attachToNewGadget(IMAGE, upload));

        assertUnprocessable(failure, "integrity_error");
        assertTrue(failure.getMessage().contains("application/octet-stream"), failure.getMessage());
        assertObjectDeletedAndRowPending(upload);
    }

    @Test
    void serverNoiseAsPngIsOctetStream() {
        byte[] noise = SampleFiles.noise(5000);

        Blob stored = storage.attach(new ByteArrayInputStream(noise), "photo.png", "image/png");

        assertEquals("application/octet-stream", stored.contentType());
        InvalidInputException failure = assertThrows(InvalidInputException.class, () -> gadgetWithImage(stored));
        assertEquals("content_type", failure.field());
    }

    @Test
    void fieldRulesApplyAtFinalize() {
        byte[] pdf = SampleFiles.pdf();
        DirectUpload upload = uploadDirectly("report.pdf", "application/pdf", pdf, pdf);

        InvalidInputException failure = assertThrows(InvalidInputException.class, () -> attachToNewGadget(IMAGE, upload));

        assertUnprocessable(failure, "invalid_input");
        assertEquals("content_type", failure.field());
        assertObjectDeletedAndRowPending(upload);
    }

    @Test
    void missingObjectIsRejected() {
        byte[] png = SampleFiles.png();
        DirectUpload upload = directUploads.reserve(new DirectUploadRequest("photo.png", "image/png", (long) png.length,
                SampleFiles.md5(png)), attachments.defaultRules());

        IntegrityException failure = assertThrows(IntegrityException.class, () -> attachToNewGadget(IMAGE, upload));

        assertUnprocessable(failure, "integrity_error");
        assertEquals("pending", rows().byId(upload.blob().id()).orElseThrow().status());
    }

    @Test
    void finalizeIsIdempotent() throws IOException {
        byte[] png = SampleFiles.png();
        DirectUpload upload = uploadDirectly("photo.png", "image/png", png, png);
        long gadgetId = committed(() -> {
            Gadget gadget = gadgets.create("lamp");
            attachments.attach(gadget, IMAGE, upload.signedId());
            return gadget.getId();
        });

        Blob again = committed(() -> attachments.attach(gadgets.find(gadgetId), IMAGE, upload.signedId()));
        Blob byRules = committed(() -> attachments.attach(upload.signedId(), attachments.rulesFor(Gadget.class, IMAGE)));

        assertEquals(upload.blob().id(), again.id());
        assertEquals(upload.blob().id(), byRules.id());
        assertTrue(again.isActive(), "second attach returned " + again);
        BlobRows.Row row = rows().byId(upload.blob().id()).orElseThrow();
        assertEquals("active", row.status());
        assertNotNull(row.attachedAt(), "attached_at");
        assertArrayEquals(png, Files.readAllBytes(fileOf(upload.blob())));
        assertEquals(Optional.of(upload.blob().id()), gadgetRows().imageBlobId(gadgetId));
    }

    @Test
    void attachedBlobCannotJoinSecondOwner() {
        byte[] png = SampleFiles.png();
        DirectUpload upload = uploadDirectly("photo.png", "image/png", png, png);
        committed(() -> {
            Gadget gadget = gadgets.create("lamp");
            attachments.attach(gadget, IMAGE, upload.signedId());
            return gadget.getId();
        });

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> committed(() -> {
            Gadget other = gadgets.create("desk");
            return attachments.attach(other, IMAGE, upload.signedId());
        }));

        assertTrue(refused.getMessage().contains("already attached"), refused.getMessage());
        assertEquals("active", rows().byId(upload.blob().id()).orElseThrow().status());
    }

    @Test
    void otherTenantCannotAttachSignedId() {
        byte[] png = SampleFiles.png();
        DirectUpload upload = uploadDirectly("photo.png", "image/png", png, png);
        tenants.bind(new TenantId("globex"));

        InvalidSignatureException failure = assertThrows(InvalidSignatureException.class, () -> attachToNewGadget(IMAGE, upload));

        assertNotFound(failure);
        assertEquals("pending", rows().byId(upload.blob().id()).orElseThrow().status());
        assertTrue(Files.exists(fileOf(upload.blob())), "another tenant's attempt deleted the upload");
    }

    @Test
    void tamperedSignedIdCannotAttach() {
        byte[] png = SampleFiles.png();
        DirectUpload upload = uploadDirectly("photo.png", "image/png", png, png);
        String signedId = upload.signedId();
        int index = signedId.indexOf('.') + 10;
        String tampered = signedId.substring(0, index) + (signedId.charAt(index) == 'A' ? 'B' : 'A') + signedId.substring(index + 1);

        InvalidSignatureException failure = assertThrows(InvalidSignatureException.class,
                () -> committed(() -> attachments.attach(gadgets.create("lamp"), IMAGE, tampered)));

        assertNotFound(failure);
        assertTrue(Files.exists(fileOf(upload.blob())), "a tampered attempt deleted the upload");
    }

    // Reserves a direct upload that declares the size and MD5 of declared, then stores stored under
    // its key as the client's PUT would. The driver stores a mismatch that the disk endpoint would
    // reject, so a test can create one.
    private DirectUpload uploadDirectly(String filename, String contentType, byte[] declared, byte[] stored) {
        DirectUpload upload = directUploads.reserve(new DirectUploadRequest(filename, contentType, (long) declared.length,
                SampleFiles.md5(declared)), attachments.defaultRules());

        driver.put(upload.blob().key(), new ByteArrayInputStream(stored), contentType);

        return upload;
    }

    private Blob storeOnServer(byte[] content, String filename) {
        return storage.attach(new ByteArrayInputStream(content), filename, null);
    }

    private long gadgetWithImage(Blob image) {
        return committed(() -> {
            Gadget gadget = gadgets.create("lamp");
            attachments.attach(gadget, IMAGE, image);
            return gadget.getId();
        });
    }

    // An image from a direct upload, a PDF from a direct upload and a text file from a server-side upload.
    private List<Blob> fullGadgetBlobs() {
        byte[] png = SampleFiles.png();
        byte[] pdf = SampleFiles.pdf();
        Blob image = uploadDirectly("photo.png", "image/png", png, png).blob();
        Blob report = uploadDirectly("report.pdf", "application/pdf", pdf, pdf).blob();
        Blob notes = storeOnServer("meeting notes".getBytes(StandardCharsets.UTF_8), "notes.txt");
        return List.of(image, report, notes);
    }

    // Attaches the blobs of fullGadgetBlobs to a new gadget, the direct uploads by their signed ids.
    private long gadgetHolding(List<Blob> blobs) {
        long gadgetId = committed(() -> {
            Gadget gadget = gadgets.create("binder");
            attachments.attach(gadget, IMAGE, directUploads.signedId(blobs.get(0)));
            attachments.attach(gadget, DOCUMENTS, directUploads.signedId(blobs.get(1)));
            attachments.attach(gadget, DOCUMENTS, blobs.get(2));
            return gadget.getId();
        });
        for (Blob blob : blobs) {
            assertTrue(Files.exists(fileOf(blob)), "precondition: " + blob.filename() + " is stored");
        }
        return gadgetId;
    }

    private void attachToNewGadget(String field, DirectUpload upload) {
        committed(() -> attachments.attach(gadgets.create("lamp"), field, upload.signedId()));
    }

    private void assertObjectDeletedAndRowPending(DirectUpload upload) {
        assertEquals(Optional.empty(), driver.stat(upload.blob().key()), "the refused object must be deleted");
        assertEquals("pending", rows().byId(upload.blob().id()).orElseThrow().status());
    }

    private static void assertUnprocessable(StorageException failure, String error) {
        StorageErrors.Response response = StorageErrors.responseFor(failure);
        assertEquals(422, response.status(), failure.getMessage());
        assertEquals(error, response.body().error());
    }

    private static void assertNotFound(StorageException failure) {
        StorageErrors.Response response = StorageErrors.responseFor(failure);
        assertEquals(404, response.status(), failure.getMessage());
        assertEquals("not_found", response.body().error());
    }

    private Path fileOf(Blob blob) {
        return fileOf(blob.key().value());
    }

    private Path fileOf(String key) {
        return ((DiskDriver) driver).root().resolve(key);
    }

    private static BlobRows rows() {
        return BlobRows.inServer();
    }

    private static GadgetRows gadgetRows() {
        return GadgetRows.inServer();
    }
}
