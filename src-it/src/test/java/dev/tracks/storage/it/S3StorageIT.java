package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.driver.s3.S3ProxyServer;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 driver inside Liberty: a WAR with {@code storage.driver=s3} and the AWS SDK in
 * {@code WEB-INF/lib} stores into an s3proxy server in the test JVM, which checks SigV4 signatures
 * like S3 does. The test reads the bucket with its own S3 client and uses presigned URLs without
 * credentials, as a browser would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class S3StorageIT {

    private static final String BUCKET = "tracks-it";

    // Started by the deployment method: the WAR's settings need the server's port.
    private static S3ProxyServer s3;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        s3 = S3ProxyServer.inMemory();
        s3.start();
        s3.createBucket(BUCKET);

        Map<String, String> settings = Map.of(
                "storage.driver", "s3",
                "storage.s3.endpoint", s3.endpoint().toString(),
                "storage.s3.path-style", "true",
                "storage.s3.bucket", BUCKET,
                "storage.s3.region", "us-east-1",
                "storage.s3.access-key-id", S3ProxyServer.ACCESS_KEY_ID,
                "storage.s3.secret-access-key", S3ProxyServer.SECRET_ACCESS_KEY);
        return TestDeployment.war("s3-storage-it", settings).addAsLibraries(TestDeployment.s3Libraries());
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void uploadIsStoredInBucket() {
        byte[] png = SampleFiles.png();

        HttpResponse<byte[]> response = client().upload(User.ALICE, "photo.pdf", "application/pdf", png);

        assertEquals(201, response.statusCode(), StorageClient.text(response));
        JsonObject blob = StorageClient.json(response);
        assertEquals("image/png", blob.getString("content_type"));
        assertEquals(png.length, blob.getJsonNumber("byte_size").longValueExact());
        assertEquals(SampleFiles.md5(png), blob.getString("checksum"));
        assertEquals("active", blob.getString("status"));
        assertTrue(blob.getString("key").startsWith("tenants/acme/blobs/"), blob.getString("key"));
        ResponseBytes<GetObjectResponse> object = objectOf(blob.getString("key"));
        assertArrayEquals(png, object.asByteArray());
        assertEquals("image/png", object.response().contentType());
    }

    @Test
    void presignedUrlDownloadsWithoutCredentials() {
        byte[] png = SampleFiles.png();
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", png);

        String url = client().signedUrl(blob.getJsonNumber("id").longValueExact(), User.ALICE, "attachment").getString("url");

        assertTrue(url.startsWith(s3.endpoint() + "/" + BUCKET + "/" + blob.getString("key") + "?"), url);
        assertTrue(url.contains("X-Amz-Signature="), url);
        HttpResponse<byte[]> download = client().get(url, null);
        assertEquals(200, download.statusCode(), StorageClient.text(download));
        assertArrayEquals(png, download.body());
        assertEquals(Optional.of("attachment; filename=\"photo.png\"; filename*=UTF-8''photo.png"),
                download.headers().firstValue("Content-Disposition"));
        assertEquals(Optional.of("image/png"), download.headers().firstValue("Content-Type"));
    }

    @Test
    void alteredPresignedUrlIsForbidden() {
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png());
        String url = client().signedUrl(blob.getJsonNumber("id").longValueExact(), User.ALICE, "attachment").getString("url");
        assertEquals(200, client().get(url, null).statusCode(), "precondition: the URL works");

        HttpResponse<byte[]> inline = client().get(url.replace("response-content-disposition=attachment",
                "response-content-disposition=inline"), null);
        int signatureStart = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char changed = url.charAt(signatureStart) == 'a' ? 'b' : 'a';
        HttpResponse<byte[]> forged = client().get(url.substring(0, signatureStart) + changed + url.substring(signatureStart + 1), null);

        assertEquals(403, inline.statusCode(), StorageClient.text(inline));
        assertEquals(403, forged.statusCode(), StorageClient.text(forged));
    }

    @Test
    void signedIdRedirectsToPresignedUrl() {
        byte[] png = SampleFiles.png();
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", png);

        HttpResponse<byte[]> redirect = client().get("api/storage/blobs/" + blob.getString("signed_id"), User.ALICE);

        assertEquals(302, redirect.statusCode(), StorageClient.text(redirect));
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(s3.endpoint() + "/" + BUCKET + "/"), location);
        HttpResponse<byte[]> download = client().get(location, null);
        assertEquals(200, download.statusCode(), StorageClient.text(download));
        assertArrayEquals(png, download.body());
    }

    @Test
    void directUploadUrlAcceptsOnlyDeclaredBody() {
        byte[] pdf = SampleFiles.pdf();
        byte[] altered = pdf.clone();
        altered[altered.length / 2] ^= 0x01;
        JsonObject reserved = reserve(pdf);
        JsonObject target = reserved.getJsonObject("direct_upload");
        String key = reserved.getString("key");
        assertTrue(target.getString("url").startsWith(s3.endpoint() + "/" + BUCKET + "/" + key + "?"), target.getString("url"));
        assertEquals(SampleFiles.md5(pdf), target.getJsonObject("headers").getString("Content-MD5"));

        HttpResponse<byte[]> wrongBody = client().send(upload(target, Map.of()).PUT(BodyPublishers.ofByteArray(altered)));
        HttpResponse<byte[]> wrongType = client().send(upload(target, Map.of("Content-Type", "image/png"))
                .PUT(BodyPublishers.ofByteArray(pdf)));

        assertEquals(400, wrongBody.statusCode(), StorageClient.text(wrongBody));
        assertTrue(StorageClient.text(wrongBody).contains("BadDigest"), StorageClient.text(wrongBody));
        assertEquals(403, wrongType.statusCode(), StorageClient.text(wrongType));
        assertThrows(NoSuchKeyException.class, () -> objectOf(key));

        HttpResponse<byte[]> declared = client().send(upload(target, Map.of()).PUT(BodyPublishers.ofByteArray(pdf)));

        assertEquals(200, declared.statusCode(), StorageClient.text(declared));
        assertArrayEquals(pdf, objectOf(key).asByteArray());
    }

    @Test
    void deleteRemovesObjectFromBucket() {
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png());
        String key = blob.getString("key");
        assertEquals(SampleFiles.png().length, objectOf(key).asByteArray().length, "precondition: the object is stored");

        HttpResponse<byte[]> response = client().delete("api/storage/blobs/" + blob.getJsonNumber("id").longValueExact(), User.ALICE);

        assertEquals(204, response.statusCode(), StorageClient.text(response));
        assertThrows(NoSuchKeyException.class, () -> objectOf(key));
    }

    private JsonObject reserve(byte[] pdf) {
        JsonObject declaration = Json.createObjectBuilder().add("blob", Json.createObjectBuilder()
                .add("filename", "report.pdf")
                .add("content_type", "application/pdf")
                .add("byte_size", pdf.length)
                .add("checksum", SampleFiles.md5(pdf))).build();
        HttpResponse<byte[]> response = client().postJson("api/storage/direct-uploads", User.ALICE, declaration.toString());
        assertEquals(200, response.statusCode(), StorageClient.text(response));
        return StorageClient.json(response);
    }

    // A PUT to the presigned URL with the returned headers, each of them replaced by overrides.
    private HttpRequest.Builder upload(JsonObject target, Map<String, String> overrides) {
        HttpRequest.Builder request = client().request(target.getString("url"), null);
        target.getJsonObject("headers").forEach((name, value) ->
                request.header(name, overrides.getOrDefault(name, ((JsonString) value).getString())));
        return request;
    }

    private static ResponseBytes<GetObjectResponse> objectOf(String key) {
        try (S3Client client = s3.client()) {
            return client.getObjectAsBytes(request -> request.bucket(BUCKET).key(key));
        }
    }

    private StorageClient client() {
        return new StorageClient(base);
    }
}
