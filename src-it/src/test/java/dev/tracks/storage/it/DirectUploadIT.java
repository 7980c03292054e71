package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.ForgedTokens;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.StoredFiles;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code PUT /storage/disk/{token}}: a direct upload is kept only when its body matches the type,
 * length and MD5 its token was signed for. One test reserves the upload through
 * {@code POST /api/storage/direct-uploads}; the others forge tokens with the test WAR's secret, so
 * they can target keys and expiries the service would never sign.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DirectUploadIT {

    private final ForgedTokens tokens = new ForgedTokens();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployment.war("direct-upload-it");
    }

    @Test
    void matchingBodyIsStored() throws IOException {
        byte[] pdf = SampleFiles.pdf();
        String key = newKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));

        HttpResponse<byte[]> response = put(token, "application/pdf", SampleFiles.md5(pdf), pdf);

        assertEquals(204, response.statusCode(), StorageClient.text(response));
        assertArrayEquals(pdf, Files.readAllBytes(TestDeployment.diskRoot().resolve(key)));
    }

    @Test
    void reservedUploadAcceptsMatchingBody() throws IOException {
        byte[] pdf = SampleFiles.pdf();
        JsonObject declaration = Json.createObjectBuilder().add("blob", Json.createObjectBuilder()
                .add("filename", "report.pdf")
                .add("content_type", "application/pdf")
                .add("byte_size", pdf.length)
                .add("checksum", SampleFiles.md5(pdf))).build();
        HttpResponse<byte[]> reserved = client().send(client().request("api/storage/direct-uploads", User.ALICE)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(declaration.toString())));
        assertEquals(200, reserved.statusCode(), StorageClient.text(reserved));
        JsonObject blob = StorageClient.json(reserved);
        JsonObject target = blob.getJsonObject("direct_upload");

        HttpRequest.Builder upload = client().request(target.getString("url"), null);
        target.getJsonObject("headers").forEach((name, value) -> upload.header(name, ((JsonString) value).getString()));
        HttpResponse<byte[]> response = client().send(upload.PUT(BodyPublishers.ofByteArray(pdf)));

        assertEquals(204, response.statusCode(), StorageClient.text(response));
        assertEquals("pending", blob.getString("status"));
        assertTrue(blob.getString("key").startsWith("tenants/acme/blobs/"), blob.getString("key"));
        assertTrue(URI.create(target.getString("url")).isAbsolute(), target.getString("url"));
        assertArrayEquals(pdf, Files.readAllBytes(TestDeployment.diskRoot().resolve(blob.getString("key"))));
        BlobRows.Row row = BlobRows.fromTestJvm(TestDeployment.dataDir()).byId(blob.getJsonNumber("id").longValueExact()).orElseThrow();
        assertEquals(SampleFiles.md5(pdf), row.checksum());
        assertEquals("acme", row.tenantId());
    }

    @Test
    void wrongChecksumIsRejectedAndNothingKept() {
        byte[] pdf = SampleFiles.pdf();
        byte[] altered = pdf.clone();
        altered[altered.length / 2] ^= 0x01;
        String key = newKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));
        Set<Path> filesBefore = StoredFiles.under(TestDeployment.diskRoot());

        // Content-MD5 left out: the server must find the mismatch in the body itself.
        HttpResponse<byte[]> response = put(token, "application/pdf", null, altered);

        assertEquals(422, response.statusCode(), StorageClient.text(response));
        assertEquals("integrity_error", StorageClient.json(response).getString("error"));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(key)), key);
        assertEquals(filesBefore, StoredFiles.under(TestDeployment.diskRoot()));
    }

    @Test
    void wrongContentMd5HeaderIsRejected() {
        byte[] pdf = SampleFiles.pdf();
        String key = newKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));

        HttpResponse<byte[]> response = put(token, "application/pdf", SampleFiles.md5(new byte[] {1}), pdf);

        assertEquals(422, response.statusCode(), StorageClient.text(response));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(key)), key);
    }

    @Test
    void wrongContentTypeIsRejected() {
        byte[] pdf = SampleFiles.pdf();
        String key = newKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));

        HttpResponse<byte[]> response = put(token, "image/png", SampleFiles.md5(pdf), pdf);

        assertEquals(422, response.statusCode(), StorageClient.text(response));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(key)), key);
    }

    @Test
    void longerBodyIsRejected() {
        byte[] pdf = SampleFiles.pdf();
        byte[] longer = new byte[pdf.length + 1];
        System.arraycopy(pdf, 0, longer, 0, pdf.length);
        String key = newKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));

        HttpResponse<byte[]> response = put(token, "application/pdf", null, longer);

        assertEquals(422, response.statusCode(), StorageClient.text(response));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(key)), key);
    }

    @Test
    void expiredUploadTokenIsNotFound() {
        byte[] pdf = SampleFiles.pdf();
        String key = newKey();
        String live = tokens.upload(newKey(), "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));
        assertEquals(204, put(live, "application/pdf", SampleFiles.md5(pdf), pdf).statusCode(), "precondition: a live token works");
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().minusSeconds(1));

        HttpResponse<byte[]> response = put(token, "application/pdf", SampleFiles.md5(pdf), pdf);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(key)), key);
    }

    @Test
    void uploadTokenCannotDownload() {
        byte[] pdf = SampleFiles.pdf();
        String key = newKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));
        assertEquals(204, put(token, "application/pdf", SampleFiles.md5(pdf), pdf).statusCode(), "precondition: the upload works");

        HttpResponse<byte[]> response = client().get("storage/disk/" + token, null);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
    }

    private HttpResponse<byte[]> put(String token, String contentType, String contentMd5, byte[] body) {
        HttpRequest.Builder request = client().request("storage/disk/" + token, null).header("Content-Type", contentType);
        if (contentMd5 != null) {
            request.header("Content-MD5", contentMd5);
        }
        return client().send(request.PUT(BodyPublishers.ofByteArray(body)));
    }

    // A key of the shape the service generates, in a tenant of this test class.
    private static String newKey() {
        return "tenants/direct/blobs/" + UUID.randomUUID();
    }

    private StorageClient client() {
        return new StorageClient(base);
    }
}
