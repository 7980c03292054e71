package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.MultipartForm;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Browsers send a signed-in user's BASIC credentials with requests that pages of other sites
 * make, so uploads, signing and deletes from another site are rejected, while requests without
 * browser headers (curl, apps) and safe methods pass.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossSiteRequestIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployment.war("cross-site-it");
    }

    @Test
    void crossSiteUploadIsRejected() {
        int rowsBefore = rows().byTenant("acme").size();

        HttpResponse<byte[]> response = upload("Sec-Fetch-Site", "cross-site");

        assertEquals(403, response.statusCode(), StorageClient.text(response));
        assertEquals("cross_site_request", StorageClient.json(response).getString("error"));
        assertEquals(rowsBefore, rows().byTenant("acme").size());
    }

    @Test
    void sameSiteUploadFromSiblingHostIsRejected() {
        HttpResponse<byte[]> response = upload("Sec-Fetch-Site", "same-site");

        assertEquals(403, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void uploadWithForeignOriginIsRejected() {
        HttpResponse<byte[]> response = upload("Origin", "http://evil.example");

        assertEquals(403, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void sameOriginUploadIsStored() {
        HttpResponse<byte[]> response = upload("Sec-Fetch-Site", "same-origin");

        assertEquals(201, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void uploadWithOwnOriginIsStored() {
        String origin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();

        HttpResponse<byte[]> response = upload("Origin", origin);

        assertEquals(201, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void crossSiteDeleteKeepsTheBlob() {
        long id = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png()).getJsonNumber("id").longValueExact();

        HttpResponse<byte[]> response = client().send(client().request("api/storage/blobs/" + id, User.ALICE)
                .header("Sec-Fetch-Site", "cross-site")
                .DELETE());

        assertEquals(403, response.statusCode(), StorageClient.text(response));
        assertEquals(true, rows().byId(id).isPresent());
    }

    @Test
    void crossSiteDirectUploadSigningIsRejected() {
        HttpResponse<byte[]> response = client().send(client().request("api/storage/direct-uploads", User.ALICE)
                .header("Content-Type", "application/json")
                .header("Origin", "http://evil.example")
                .POST(BodyPublishers.ofString("{\"blob\":{\"filename\":\"a.png\",\"content_type\":\"image/png\",\"byte_size\":1,"
                        + "\"checksum\":\"1B2M2Y8AsgTpgAmY7PhCfg==\"}}")));

        assertEquals(403, response.statusCode(), StorageClient.text(response));
    }

    @Test
    void crossSiteGetOfUrlPasses() {
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png());

        HttpResponse<byte[]> response = client().send(client().request("api/storage/blobs/" + blob.getJsonNumber("id") + "/url",
                User.ALICE).header("Sec-Fetch-Site", "cross-site").GET());

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").startsWith("no-store"),
                response.headers().firstValue("Cache-Control").orElse("(none)"));
    }

    private HttpResponse<byte[]> upload(String header, String value) {
        MultipartForm form = new MultipartForm().file("file", "photo.png", "image/png", SampleFiles.png());
        return client().send(client().request("storage/uploads", User.ALICE)
                .header("Content-Type", form.contentType())
                .header(header, value)
                .POST(BodyPublishers.ofByteArray(form.toBytes())));
    }

    private StorageClient client() {
        return new StorageClient(base);
    }

    private static BlobRows rows() {
        return BlobRows.fromTestJvm(TestDeployment.dataDir());
    }
}
