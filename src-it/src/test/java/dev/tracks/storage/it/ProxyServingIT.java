package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/storage/blobs/{signed_id}} with {@code storage.serving.mode=proxy}: the
 * application streams the bytes itself, with the disk endpoint's ranges and safe headers, and
 * never lets a shared cache keep them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProxyServingIT {

    @ArquillianResource
    URL base;

    // Any type may be uploaded here, so the HTML test can check how script-capable types are served.
    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployment.war("proxy-serving-it", Map.of("storage.serving.mode", "proxy", "storage.upload.content-types", "*/*"));
    }

    @Test
    void blobIsServedWithSafeHeaders() {
        byte[] png = SampleFiles.png();
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", png).getString("signed_id");

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + signedId, User.ALICE);

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        assertArrayEquals(png, response.body());
        assertEquals(Optional.of("image/png"), response.headers().firstValue("Content-Type"));
        assertEquals(Optional.of(String.valueOf(png.length)), response.headers().firstValue("Content-Length"));
        assertEquals(Optional.of("inline; filename=\"photo.png\"; filename*=UTF-8''photo.png"),
                response.headers().firstValue("Content-Disposition"));
        assertEquals(Optional.of("nosniff"), response.headers().firstValue("X-Content-Type-Options"));
        assertEquals(Optional.of("bytes"), response.headers().firstValue("Accept-Ranges"));
        assertEquals(Optional.of("\"" + SampleFiles.md5Hex(png) + "\""), response.headers().firstValue("ETag"));
    }

    // Liberty's default single sign-on adds its LtpaToken2 cookie to every response of a request
    // authenticated with BASIC, this one included, so the response must be private: shared caches
    // then keep neither the cookie nor the bytes.
    @Test
    void blobResponseIsPrivate() {
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png()).getString("signed_id");

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + signedId, User.ALICE);

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        String cacheControl = String.join(", ", response.headers().allValues("Cache-Control"));
        assertTrue(cacheControl.contains("private"), cacheControl);
        assertFalse(cacheControl.contains("public"), cacheControl);
        assertFalse(cacheControl.contains("s-maxage"), cacheControl);
    }

    @Test
    void rangeRequestReturnsExactSlice() {
        byte[] png = SampleFiles.png();
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", png).getString("signed_id");

        HttpResponse<byte[]> response = client().send(client().request("api/storage/blobs/" + signedId, User.ALICE)
                .header("Range", "bytes=100-1099")
                .GET());

        assertEquals(206, response.statusCode(), StorageClient.text(response));
        assertArrayEquals(Arrays.copyOfRange(png, 100, 1100), response.body());
        assertEquals(Optional.of("bytes 100-1099/" + png.length), response.headers().firstValue("Content-Range"));
        assertEquals(Optional.of("1000"), response.headers().firstValue("Content-Length"));
    }

    @Test
    void unsatisfiableRangeIsRejected() {
        byte[] png = SampleFiles.png();
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", png).getString("signed_id");

        HttpResponse<byte[]> response = client().send(client().request("api/storage/blobs/" + signedId, User.ALICE)
                .header("Range", "bytes=" + png.length + "-")
                .GET());

        assertEquals(416, response.statusCode(), StorageClient.text(response));
        assertEquals(Optional.of("bytes */" + png.length), response.headers().firstValue("Content-Range"));
        assertEquals(0, response.body().length);
    }

    @Test
    void matchingEtagIsNotModified() {
        byte[] png = SampleFiles.png();
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", png).getString("signed_id");

        HttpResponse<byte[]> response = client().send(client().request("api/storage/blobs/" + signedId, User.ALICE)
                .header("If-None-Match", "\"" + SampleFiles.md5Hex(png) + "\"")
                .GET());

        assertEquals(304, response.statusCode(), StorageClient.text(response));
        assertEquals(0, response.body().length);
    }

    @Test
    void htmlIsServedAsAttachmentBytes() {
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        String signedId = client().uploadOk(User.ALICE, "page.html", "text/html", html).getString("signed_id");

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + signedId + "?disposition=inline", User.ALICE);

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        assertEquals(Optional.of("application/octet-stream"), response.headers().firstValue("Content-Type"));
        assertTrue(response.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"), response.headers().toString());
        assertArrayEquals(html, response.body());
    }

    @Test
    void otherTenantGetsNotFound() {
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png()).getString("signed_id");

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + signedId, User.BOB);

        assertEquals(404, response.statusCode(), StorageClient.text(response));
        assertEquals("not_found", StorageClient.json(response).getString("error"));
    }

    private StorageClient client() {
        return new StorageClient(base);
    }
}
