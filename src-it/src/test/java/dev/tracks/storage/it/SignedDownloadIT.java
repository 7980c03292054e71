package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.ForgedTokens;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed download URLs end to end: signing through the blob resource, serving through the disk
 * endpoint with ranges and safe headers, and every token or caller that must get 404 instead.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignedDownloadIT {

    private final ForgedTokens tokens = new ForgedTokens();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployment.war("signed-download-it");
    }

    @Test
    void signedUrlIsAbsoluteAndExpiresSoon() {
        long id = uploadPng().getJsonNumber("id").longValueExact();

        JsonObject signed = client().signedUrl(id, User.ALICE, "attachment");

        URI url = URI.create(signed.getString("url"));
        Instant expiresAt = Instant.parse(signed.getString("expires_at"));
        assertTrue(url.isAbsolute(), url.toString());
        assertTrue(url.toString().startsWith(client().root() + "storage/disk/"), url.toString());
        assertTrue(expiresAt.isAfter(Instant.now()), expiresAt.toString());
        assertTrue(expiresAt.isBefore(Instant.now().plus(Duration.ofMinutes(6))), expiresAt.toString());
    }

    @Test
    void downloadIsByteIdenticalWithSafeHeaders() {
        byte[] png = SampleFiles.png();
        long id = client().uploadOk(User.ALICE, "photo.png", "image/png", png).getJsonNumber("id").longValueExact();
        String url = client().signedUrl(id, User.ALICE, "attachment").getString("url");

        HttpResponse<byte[]> response = client().get(url, null);

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        assertArrayEquals(png, response.body());
        assertEquals(Optional.of("image/png"), response.headers().firstValue("Content-Type"));
        assertEquals(Optional.of(String.valueOf(png.length)), response.headers().firstValue("Content-Length"));
        assertEquals(Optional.of("attachment; filename=\"photo.png\"; filename*=UTF-8''photo.png"),
                response.headers().firstValue("Content-Disposition"));
        assertEquals(Optional.of("nosniff"), response.headers().firstValue("X-Content-Type-Options"));
        assertTrue(response.headers().firstValue("ETag").orElse("").matches("\"[^\"]+\""), response.headers().toString());
    }

    @Test
    void inlineDispositionIsSignedIntoUrl() {
        long id = uploadPng().getJsonNumber("id").longValueExact();
        String url = client().signedUrl(id, User.ALICE, "inline").getString("url");

        HttpResponse<byte[]> response = client().get(url, null);

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        assertEquals(Optional.of("inline; filename=\"photo.pdf\"; filename*=UTF-8''photo.pdf"),
                response.headers().firstValue("Content-Disposition"));
    }

    @Test
    void rangeRequestAnswersExactSlice() {
        byte[] png = SampleFiles.png();
        String url = signedUrlFor(client().uploadOk(User.ALICE, "photo.png", "image/png", png));

        HttpResponse<byte[]> response = client().send(client().request(url, null).header("Range", "bytes=100-1099").GET());

        assertEquals(206, response.statusCode(), StorageClient.text(response));
        assertArrayEquals(Arrays.copyOfRange(png, 100, 1100), response.body());
        assertEquals(Optional.of("bytes 100-1099/" + png.length), response.headers().firstValue("Content-Range"));
        assertEquals(Optional.of("1000"), response.headers().firstValue("Content-Length"));
    }

    @Test
    void suffixRangeAnswersLastBytes() {
        byte[] png = SampleFiles.png();
        String url = signedUrlFor(client().uploadOk(User.ALICE, "photo.png", "image/png", png));

        HttpResponse<byte[]> response = client().send(client().request(url, null).header("Range", "bytes=-100").GET());

        assertEquals(206, response.statusCode(), StorageClient.text(response));
        assertArrayEquals(Arrays.copyOfRange(png, png.length - 100, png.length), response.body());
    }

    @Test
    void unsatisfiableRangeIsRejected() {
        byte[] png = SampleFiles.png();
        String url = signedUrlFor(client().uploadOk(User.ALICE, "photo.png", "image/png", png));

        HttpResponse<byte[]> response = client().send(client().request(url, null).header("Range", "bytes=" + png.length + "-").GET());

        assertEquals(416, response.statusCode(), StorageClient.text(response));
        assertEquals(Optional.of("bytes */" + png.length), response.headers().firstValue("Content-Range"));
    }

    @Test
    void tamperedTokenIsNotFound() {
        String url = signedUrlFor(uploadPng());
        assertEquals(200, client().get(url, null).statusCode(), "precondition: the untouched URL works");

        HttpResponse<byte[]> response = client().get(changeOneCharacter(url), null);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void expiredTokenIsNotFound() {
        String key = uploadPng().getString("key");
        String valid = tokens.download(key, "image/png", "attachment", Instant.now().plusSeconds(300));
        assertEquals(200, client().get("storage/disk/" + valid, null).statusCode(), "precondition: a forged live token works");
        String expired = tokens.download(key, "image/png", "attachment", Instant.now().minusSeconds(1));

        HttpResponse<byte[]> response = client().get("storage/disk/" + expired, null);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void downloadTokenCannotUpload() throws IOException {
        byte[] png = SampleFiles.png();
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", png);
        String url = signedUrlFor(blob);

        HttpResponse<byte[]> response = client().send(client().request(url, null)
                .header("Content-Type", "image/png")
                .PUT(BodyPublishers.ofByteArray(SampleFiles.noise(png.length))));

        assertEquals(404, response.statusCode(), StorageClient.text(response));
        assertArrayEquals(png, Files.readAllBytes(TestDeployment.diskRoot().resolve(blob.getString("key"))));
    }

    @Test
    void otherTenantCannotReachBlob() {
        long id = uploadPng().getJsonNumber("id").longValueExact();

        HttpResponse<byte[]> url = client().get("api/storage/blobs/" + id + "/url", User.BOB);
        HttpResponse<byte[]> show = client().get("api/storage/blobs/" + id, User.BOB);
        HttpResponse<byte[]> delete = client().delete("api/storage/blobs/" + id, User.BOB);

        assertEquals(404, url.statusCode(), StorageClient.text(url));
        assertEquals(404, show.statusCode(), StorageClient.text(show));
        assertEquals(404, delete.statusCode(), StorageClient.text(delete));
        assertEquals(200, client().get("api/storage/blobs/" + id, User.ALICE).statusCode(), "the owner still sees the blob");
    }

    @Test
    void userWithoutTenantIsForbidden() {
        long id = uploadPng().getJsonNumber("id").longValueExact();

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + id + "/url", User.NOBODY);

        assertEquals(403, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void anonymousSigningIsUnauthorized() {
        long id = uploadPng().getJsonNumber("id").longValueExact();

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + id + "/url", null);

        assertEquals(401, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void unknownBlobIsNotFound() {
        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + Long.MAX_VALUE + "/url", User.ALICE);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
        assertEquals("blob_not_found", StorageClient.json(response).getString("error"));
    }

    @Test
    void showReturnsBlobFields() {
        JsonObject uploaded = uploadPng();

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + uploaded.getJsonNumber("id"), User.ALICE);

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        JsonObject fetched = StorageClient.json(response);
        assertEquals(withoutSignedId(uploaded), withoutSignedId(fetched));
        assertTrue(fetched.getString("signed_id").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), fetched.toString());
    }

    /** Drops the signed id: each response mints a new one whose expiry follows the clock. */
    private static JsonObject withoutSignedId(JsonObject blob) {
        return Json.createObjectBuilder(blob).remove("signed_id").build();
    }

    @Test
    void traversalKeyNeverLeavesDiskRoot() throws IOException {
        Path outside = TestDeployment.diskRoot().getParent();
        Path secret = outside.resolve("outside-secret.txt");
        Files.writeString(secret, "must never be served");
        List<String> keys = List.of("../outside-secret.txt", "tenants/acme/blobs/../../../../outside-secret.txt",
                secret.toAbsolutePath().toString());
        String storedKey = uploadPng().getString("key");
        String control = tokens.download(storedKey, "image/png", "attachment", Instant.now().plusSeconds(300));
        assertEquals(200, client().get("storage/disk/" + control, null).statusCode(),
                "precondition: a forged token for a stored key works");
        try {
            for (String key : keys) {
                String token = tokens.download(key, "text/plain", "attachment", Instant.now().plusSeconds(300));

                HttpResponse<byte[]> response = client().get("storage/disk/" + token, null);

                assertEquals(404, response.statusCode(), key + ": " + StorageClient.text(response));
                assertFalse(StorageClient.text(response).contains("must never be served"), key);
            }
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test
    void traversalKeyNeverWritesOutsideDiskRoot() {
        Path outside = TestDeployment.diskRoot().getParent();
        byte[] body = "written outside".getBytes(StandardCharsets.UTF_8);
        List<String> keys = List.of("../outside-written.txt", "tenants/acme/blobs/../../../../outside-written.txt",
                outside.resolve("outside-written.txt").toAbsolutePath().toString());
        String reserved = client().reserveOk(User.ALICE, "control.txt", "text/plain", body).getString("key");
        String control = tokens.upload(reserved, "text/plain", body.length, SampleFiles.md5(body), Instant.now().plusSeconds(300));
        assertEquals(204, putText(control, body).statusCode(), "precondition: a forged upload token for a valid key works");

        for (String key : keys) {
            String token = tokens.upload(key, "text/plain", body.length, SampleFiles.md5(body), Instant.now().plusSeconds(300));

            HttpResponse<byte[]> response = putText(token, body);

            assertEquals(404, response.statusCode(), key + ": " + StorageClient.text(response));
            assertFalse(Files.exists(outside.resolve("outside-written.txt")), key);
        }
    }

    @Test
    void deletingBlobRevokesItsUrl() {
        JsonObject blob = uploadPng();
        long id = blob.getJsonNumber("id").longValueExact();
        String url = signedUrlFor(blob);
        assertEquals(200, client().get(url, null).statusCode(), "precondition: the URL works before the delete");

        HttpResponse<byte[]> delete = client().delete("api/storage/blobs/" + id, User.ALICE);

        assertEquals(204, delete.statusCode(), StorageClient.text(delete));
        assertEquals(404, client().get(url, null).statusCode());
        assertEquals(404, client().get("api/storage/blobs/" + id, User.ALICE).statusCode());
        assertEquals(Optional.empty(), BlobRows.fromTestJvm(TestDeployment.dataDir()).byId(id));
        assertFalse(Files.exists(TestDeployment.diskRoot().resolve(blob.getString("key"))), blob.getString("key"));
    }

    private HttpResponse<byte[]> putText(String token, byte[] body) {
        return client().send(client().request("storage/disk/" + token, null)
                .header("Content-Type", "text/plain")
                .header("Content-MD5", SampleFiles.md5(body))
                .PUT(BodyPublishers.ofByteArray(body)));
    }

    private JsonObject uploadPng() {
        return client().uploadOk(User.ALICE, "photo.pdf", "application/pdf", SampleFiles.png());
    }

    private String signedUrlFor(JsonObject blob) {
        return client().signedUrl(blob.getJsonNumber("id").longValueExact(), User.ALICE, "attachment").getString("url");
    }

    // Changes a character inside the signature, away from its last character, whose low bits
    // base64 decoders may ignore.
    private static String changeOneCharacter(String url) {
        int index = url.lastIndexOf('.') + 10;
        char replacement = url.charAt(index) == 'A' ? 'B' : 'A';
        return url.substring(0, index) + replacement + url.substring(index + 1);
    }

    private StorageClient client() {
        return new StorageClient(base);
    }
}
