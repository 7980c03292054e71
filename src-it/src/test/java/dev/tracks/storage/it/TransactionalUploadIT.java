package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.app.GadgetUploadServlet;
import dev.tracks.storage.it.app.GadgetUploads;
import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.MultipartForm;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.StoredFiles;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A multipart upload received inside the caller's JTA transaction ({@link GadgetUploads}): when a
 * part after the stored file fails, or the save fails before the blob is attached, the transaction
 * rolls back, and neither the blob's row nor its file may outlive it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionalUploadIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployment.war("transactional-upload-it").addClasses(GadgetUploads.class, GadgetUploadServlet.class);
    }

    @Test
    void imageIsStoredWithTheGadget() {
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");
        MultipartForm form = new MultipartForm().file("file", "photo.png", "image/png", SampleFiles.png()).field("name", "Lamp");

        HttpResponse<byte[]> response = post(form, form.toBytes());

        assertEquals(201, response.statusCode(), StorageClient.text(response));
        List<BlobRows.Row> added = rows().byTenant("acme").stream().filter(row -> !rowsBefore.contains(row)).toList();
        assertEquals(1, added.size(), added.toString());
        assertEquals(SampleFiles.md5(SampleFiles.png()), added.get(0).checksum());
        assertTrue(TestDeployment.diskRoot().resolve(added.get(0).key()).toFile().isFile(), added.get(0).key());
    }

    @Test
    void attachedImageCannotBeDeletedAlone() {
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");
        MultipartForm form = new MultipartForm().file("file", "photo.png", "image/png", SampleFiles.png()).field("name", "Lamp");
        assertEquals(201, post(form, form.toBytes()).statusCode(), "precondition: the gadget is created");
        BlobRows.Row image = rows().byTenant("acme").stream().filter(row -> !rowsBefore.contains(row)).findFirst().orElseThrow();

        HttpResponse<byte[]> response = new StorageClient(base).delete("api/storage/blobs/" + image.id(), User.ALICE);

        assertEquals(409, response.statusCode(), StorageClient.text(response));
        assertEquals("blob_attached", StorageClient.json(response).getString("error"));
        assertTrue(rows().byId(image.id()).isPresent(), "attached blob row deleted");
        assertTrue(TestDeployment.diskRoot().resolve(image.key()).toFile().isFile(), "attached blob file deleted");
    }

    @Test
    void rollbackBeforeAttachLeavesNoBlob() {
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");
        Set<Path> filesBefore = StoredFiles.under(TestDeployment.diskRoot());
        MultipartForm form = new MultipartForm().file("file", "photo.png", "image/png", SampleFiles.png()).field("name", " ");

        HttpResponse<byte[]> response = post(form, form.toBytes());

        assertEquals(422, response.statusCode(), StorageClient.text(response));
        assertEquals(rowsBefore, rows().byTenant("acme"));
        assertEquals(filesBefore, StoredFiles.under(TestDeployment.diskRoot()));
    }

    @Test
    void secondFileLeavesNoBlob() {
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");
        Set<Path> filesBefore = StoredFiles.under(TestDeployment.diskRoot());
        MultipartForm form = new MultipartForm().file("file", "a.png", "image/png", SampleFiles.png())
                .file("file", "b.png", "image/png", SampleFiles.png());

        HttpResponse<byte[]> response = post(form, form.toBytes());

        assertEquals(400, response.statusCode(), StorageClient.text(response));
        assertEquals("malformed_request", StorageClient.json(response).getString("error"));
        assertEquals(rowsBefore, rows().byTenant("acme"));
        assertEquals(filesBefore, StoredFiles.under(TestDeployment.diskRoot()));
    }

    @Test
    void cutBodyLeavesNoBlob() {
        MultipartForm form = new MultipartForm().file("file", "photo.png", "image/png", SampleFiles.png()).field("name", "Lamp");
        byte[] complete = form.toBytes();
        byte[] cut = Arrays.copyOf(complete, complete.length - 20);
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");
        Set<Path> filesBefore = StoredFiles.under(TestDeployment.diskRoot());

        HttpResponse<byte[]> response = post(form, cut);

        assertEquals(400, response.statusCode(), StorageClient.text(response));
        assertEquals(rowsBefore, rows().byTenant("acme"));
        assertEquals(filesBefore, StoredFiles.under(TestDeployment.diskRoot()));
    }

    private HttpResponse<byte[]> post(MultipartForm form, byte[] body) {
        StorageClient client = new StorageClient(base);
        return client.send(client.request("gadgets", User.ALICE)
                .header("Content-Type", form.contentType())
                .POST(BodyPublishers.ofByteArray(body)));
    }

    private static BlobRows rows() {
        return BlobRows.fromTestJvm(TestDeployment.dataDir());
    }
}
