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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code PUT /storage/disk/{token}}: a direct upload is kept only when its body matches the type,
 * length and MD5 its token was signed for, and only while its blob exists. Every test reserves a
 * blob through {@code POST /api/storage/direct-uploads}; most then forge tokens for its key with
 * the test WAR's secret, so they can set expiries and constraints the service would never sign.
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
        String key = reservedKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));

        HttpResponse<byte[]> response = put(token, "application/pdf", SampleFiles.md5(pdf), pdf);

        assertEquals(204, response.statusCode(), StorageClient.text(response));
        assertArrayEquals(pdf, Files.readAllBytes(TestDeployment.diskRoot().resolve(key)));
    }

    @Test
    void reservedUploadAcceptsMatchingBody() throws IOException {
        byte[] pdf = SampleFiles.pdf();
        JsonObject blob = client().reserveOk(User.ALICE, "report.pdf", "application/pdf", pdf);
        JsonObject target = blob.getJsonObject("direct_upload");

        HttpResponse<byte[]> response = putTo(target, pdf);

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
        String key = reservedKey();
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
        String key = reservedKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));

        HttpResponse<byte[]> response = put(token, "application/pdf", SampleFiles.md5(new byte[] {1}), pdf);

        assertEquals(422, response.statusCode(), StorageClient.text(response));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(key)), key);
    }

    @Test
    void wrongContentTypeIsRejected() {
        byte[] pdf = SampleFiles.pdf();
        String key = reservedKey();
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
        String key = reservedKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));

        HttpResponse<byte[]> response = put(token, "application/pdf", null, longer);

        assertEquals(422, response.statusCode(), StorageClient.text(response));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(key)), key);
    }

    @Test
    void expiredUploadTokenIsNotFound() {
        byte[] pdf = SampleFiles.pdf();
        String key = reservedKey();
        String live = tokens.upload(reservedKey(), "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));
        assertEquals(204, put(live, "application/pdf", SampleFiles.md5(pdf), pdf).statusCode(), "precondition: a live token works");
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().minusSeconds(1));

        HttpResponse<byte[]> response = put(token, "application/pdf", SampleFiles.md5(pdf), pdf);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(key)), key);
    }

    @Test
    void uploadTokenCannotDownload() {
        byte[] pdf = SampleFiles.pdf();
        String key = reservedKey();
        String token = tokens.upload(key, "application/pdf", pdf.length, SampleFiles.md5(pdf), Instant.now().plusSeconds(300));
        assertEquals(204, put(token, "application/pdf", SampleFiles.md5(pdf), pdf).statusCode(), "precondition: the upload works");

        HttpResponse<byte[]> response = client().get("storage/disk/" + token, null);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void uploadAfterDeleteIsNotFound() {
        byte[] pdf = SampleFiles.pdf();
        JsonObject blob = client().reserveOk(User.ALICE, "report.pdf", "application/pdf", pdf);
        HttpResponse<byte[]> delete = client().delete("api/storage/blobs/" + blob.getJsonNumber("id"), User.ALICE);
        assertEquals(204, delete.statusCode(), StorageClient.text(delete));

        HttpResponse<byte[]> response = putTo(blob.getJsonObject("direct_upload"), pdf);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(blob.getString("key"))), blob.getString("key"));
    }

    @Test
    void racingPutsOfOneUrlAllSucceed() throws Exception {
        // Large enough that writing and syncing it keeps the race between the PUTs open.
        byte[] noise = SampleFiles.noise(512 * 1024);
        JsonObject blob = client().reserveOk(User.ALICE, "noise.bin", "application/octet-stream", noise);
        ExecutorService clients = Executors.newFixedThreadPool(12);

        try {
            List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                responses.add(clients.submit(() -> putTo(blob.getJsonObject("direct_upload"), noise)));
            }

            for (Future<HttpResponse<byte[]>> response : responses) {
                HttpResponse<byte[]> put = response.get(60, TimeUnit.SECONDS);
                assertEquals(204, put.statusCode(), StorageClient.text(put));
            }
        } finally {
            clients.shutdownNow();
        }
        assertArrayEquals(noise, Files.readAllBytes(TestDeployment.diskRoot().resolve(blob.getString("key"))));
    }

    // PUTs to a reserved upload's URL with the headers the reservation returned.
    private HttpResponse<byte[]> putTo(JsonObject target, byte[] body) {
        HttpRequest.Builder upload = client().request(target.getString("url"), null);
        target.getJsonObject("headers").forEach((name, value) -> upload.header(name, ((JsonString) value).getString()));
        return client().send(upload.PUT(BodyPublishers.ofByteArray(body)));
    }

    private HttpResponse<byte[]> put(String token, String contentType, String contentMd5, byte[] body) {
        HttpRequest.Builder request = client().request("storage/disk/" + token, null).header("Content-Type", contentType);
        if (contentMd5 != null) {
            request.header("Content-MD5", contentMd5);
        }
        return client().send(request.PUT(BodyPublishers.ofByteArray(body)));
    }

    // The key of a pending blob reserved through the API: the endpoint stores only under keys a
    // blob still has, whatever key the token names.
    private String reservedKey() {
        return client().reserveOk(User.ALICE, "report.pdf", "application/pdf", SampleFiles.pdf()).getString("key");
    }

    private StorageClient client() {
        return new StorageClient(base);
    }
}
