package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.MultipartForm;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.StoredFiles;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code POST /storage/uploads} over real HTTP with BASIC authentication: what a stored upload
 * returns and records, and every way an upload is rejected without leaving a row or a file.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadServletIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployment.war("upload-servlet-it");
    }

    @Test
    void pngUploadReturnsDetectedType() throws IOException {
        byte[] png = SampleFiles.png();

        HttpResponse<byte[]> response = client().upload(User.ALICE, "photo.pdf", "application/pdf", png);

        assertEquals(201, response.statusCode(), StorageClient.text(response));
        JsonObject blob = StorageClient.json(response);
        assertEquals("image/png", blob.getString("content_type"));
        assertEquals(png.length, blob.getJsonNumber("byte_size").longValueExact());
        assertEquals(SampleFiles.md5(png), blob.getString("checksum"));
        assertEquals("photo.pdf", blob.getString("filename"));
        assertEquals("active", blob.getString("status"));
        assertTrue(blob.getString("key").startsWith("tenants/acme/blobs/"), blob.getString("key"));
        assertEquals(response.headers().firstValue("Location").orElse(null),
                base.getPath() + "api/storage/blobs/" + blob.getJsonNumber("id").longValueExact());
        assertStored(blob, png);
    }

    @Test
    void pdfUploadReturnsDetectedType() throws IOException {
        byte[] pdf = SampleFiles.pdf();

        HttpResponse<byte[]> response = client().upload(User.ALICE, "report.bin", "application/octet-stream", pdf);

        assertEquals(201, response.statusCode(), StorageClient.text(response));
        JsonObject blob = StorageClient.json(response);
        assertEquals("application/pdf", blob.getString("content_type"));
        assertEquals(pdf.length, blob.getJsonNumber("byte_size").longValueExact());
        assertEquals(SampleFiles.md5(pdf), blob.getString("checksum"));
        assertEquals("report.bin", blob.getString("filename"));
        assertEquals("active", blob.getString("status"));
        assertTrue(blob.getString("key").startsWith("tenants/acme/blobs/"), blob.getString("key"));
        assertStored(blob, pdf);
    }

    @Test
    void anonymousUploadIsUnauthorized() {
        Set<Path> filesBefore = StoredFiles.under(TestDeployment.diskRoot());

        HttpResponse<byte[]> response = client().upload(null, "photo.png", "image/png", SampleFiles.png());

        assertEquals(401, response.statusCode(), StorageClient.text(response));
        assertEquals(filesBefore, StoredFiles.under(TestDeployment.diskRoot()));
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        HttpResponse<byte[]> response = client().upload(new User("alice@acme", "not-her-password"), "photo.png", "image/png",
                SampleFiles.png());

        assertEquals(401, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void userWithoutTenantIsForbidden() {
        Set<Path> filesBefore = StoredFiles.under(TestDeployment.diskRoot());

        HttpResponse<byte[]> response = client().upload(User.NOBODY, "photo.png", "image/png", SampleFiles.png());

        assertEquals(403, response.statusCode(), StorageClient.text(response));
        assertEquals("tenant_required", StorageClient.json(response).getString("error"));
        assertEquals(filesBefore, StoredFiles.under(TestDeployment.diskRoot()));
    }

    @Test
    void uploadWithoutFilePartIsBadRequest() {
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");

        HttpResponse<byte[]> response = client().upload(User.ALICE, new MultipartForm().field("title", "no file here"));

        assertEquals(400, response.statusCode(), StorageClient.text(response));
        assertEquals("malformed_request", StorageClient.json(response).getString("error"));
        assertEquals(rowsBefore, rows().byTenant("acme"));
    }

    @Test
    void nonMultipartUploadIsBadRequest() {
        HttpResponse<byte[]> response = client().send(client().request("storage/uploads", User.ALICE)
                .header("Content-Type", "image/png")
                .POST(BodyPublishers.ofByteArray(SampleFiles.png())));

        assertEquals(400, response.statusCode(), StorageClient.text(response));
        assertEquals("malformed_request", StorageClient.json(response).getString("error"));
    }

    @Test
    void oversizeUploadIsRejectedAndNothingStored() {
        byte[] tooLarge = SampleFiles.noise((int) TestDeployment.MAX_FILE_SIZE + 64 * 1024);
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");
        Set<Path> filesBefore = StoredFiles.under(TestDeployment.diskRoot());

        HttpResponse<byte[]> response = client().upload(User.ALICE, "large.bin", "application/octet-stream", tooLarge);

        assertEquals(413, response.statusCode(), StorageClient.text(response));
        assertEquals("upload_too_large", StorageClient.json(response).getString("error"));
        assertEquals(rowsBefore, rows().byTenant("acme"));
        assertEquals(filesBefore, StoredFiles.under(TestDeployment.diskRoot()));
    }

    @Test
    void uploadAtSizeLimitIsStored() {
        byte[] atLimit = SampleFiles.noise((int) TestDeployment.MAX_FILE_SIZE);

        HttpResponse<byte[]> response = client().upload(User.ALICE, "limit.bin", "application/octet-stream", atLimit);

        assertEquals(201, response.statusCode(), StorageClient.text(response));
        assertEquals(atLimit.length, StorageClient.json(response).getJsonNumber("byte_size").longValueExact());
    }

    private void assertStored(JsonObject blob, byte[] content) throws IOException {
        BlobRows.Row row = rows().byId(blob.getJsonNumber("id").longValueExact()).orElseThrow();
        assertEquals(blob.getString("key"), row.key());
        assertEquals(blob.getString("content_type"), row.contentType());
        assertEquals(content.length, row.byteSize());
        assertEquals(SampleFiles.md5(content), row.checksum());
        assertEquals("active", row.status());
        assertEquals("acme", row.tenantId());
        assertArrayEquals(content, Files.readAllBytes(TestDeployment.diskRoot().resolve(row.key())));
    }

    private StorageClient client() {
        return new StorageClient(base);
    }

    private static BlobRows rows() {
        return BlobRows.fromTestJvm(TestDeployment.dataDir());
    }
}
