package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.app.Gadget;
import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/storage/direct-uploads} and {@code GET /api/storage/blobs/{signed_id}} over
 * HTTP: every invalid declaration is rejected with the field it names and leaves no row, fields a
 * client must not set are ignored, and a signed id works only unaltered, for its own tenant and for
 * its own purpose.
 *
 * <p>The test WAR allows {@value TestDeployment#ALLOWED_CONTENT_TYPES} up to 1 MiB; the attachment
 * {@code Gadget.imageBlobId} narrows that to {@code image/*} up to 512 KiB.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DirectUploadApiIT {

    private static final String DIRECT_UPLOADS = "api/storage/direct-uploads";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployment.war("direct-upload-api-it");
    }

    @Test
    void validDeclarationIsReserved() {
        byte[] pdf = SampleFiles.pdf();

        HttpResponse<byte[]> response = reserve(pdfDeclaration(pdf).build(), null);

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        JsonObject blob = StorageClient.json(response);
        assertEquals("report.pdf", blob.getString("filename"));
        assertEquals("application/pdf", blob.getString("content_type"));
        assertEquals(pdf.length, blob.getJsonNumber("byte_size").longValueExact());
        assertEquals(SampleFiles.md5(pdf), blob.getString("checksum"));
        assertEquals("pending", blob.getString("status"));
        assertTrue(blob.getString("signed_id").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), blob.getString("signed_id"));
        JsonObject target = blob.getJsonObject("direct_upload");
        assertTrue(URI.create(target.getString("url")).isAbsolute(), target.getString("url"));
        assertEquals("application/pdf", target.getJsonObject("headers").getString("Content-Type"));
    }

    @Test
    void blankFilenameIsRejected() {
        Map<String, JsonObjectBuilder> cases = new LinkedHashMap<>();
        cases.put("missing", pdf().remove("filename"));
        cases.put("null", pdf().addNull("filename"));
        cases.put("empty", pdf().add("filename", ""));
        cases.put("spaces", pdf().add("filename", "   "));
        cases.put("folder only", pdf().add("filename", "C:\\Users\\alice\\"));
        cases.put("control characters only", pdf().add("filename", "\u0000\u0007\t"));
        cases.put("direction marks only", pdf().add("filename", "\u202E\u200F"));

        assertEachRejected(cases, null, "filename");
    }

    @Test
    void filenameLongerThan255IsRejected() {
        String longest = "a".repeat(251) + ".pdf";
        byte[] pdf = SampleFiles.pdf();

        HttpResponse<byte[]> accepted = reserve(pdfDeclaration(pdf).add("filename", longest).build(), null);

        assertEquals(200, accepted.statusCode(), "255 characters: " + StorageClient.text(accepted));
        assertEachRejected(Map.of("256 characters", pdf().add("filename", "a" + longest)), null, "filename");
    }

    @Test
    void missingOrNegativeByteSizeIsRejected() {
        Map<String, JsonObjectBuilder> cases = new LinkedHashMap<>();
        cases.put("missing", pdf().remove("byte_size"));
        cases.put("null", pdf().addNull("byte_size"));
        cases.put("-1", pdf().add("byte_size", -1));
        cases.put("minimum long", pdf().add("byte_size", Long.MIN_VALUE));

        assertEachRejected(cases, null, "byte_size");
    }

    @Test
    void byteSizeOverLimitIsRejected() {
        Map<String, JsonObjectBuilder> cases = new LinkedHashMap<>();
        cases.put("max-file-size + 1", pdf().add("byte_size", TestDeployment.MAX_FILE_SIZE + 1));
        cases.put("maximum long", pdf().add("byte_size", Long.MAX_VALUE));

        assertEachRejected(cases, null, "byte_size");
    }

    @Test
    void nonIntegerByteSizeIsRejected() {
        Map<String, JsonObjectBuilder> cases = new LinkedHashMap<>();
        cases.put("fraction", pdf().add("byte_size", new BigDecimal("1024.5")));
        cases.put("string", pdf().add("byte_size", "1024"));
        cases.put("boolean", pdf().add("byte_size", true));
        cases.put("beyond long", pdf().add("byte_size", new BigDecimal("1e30")));

        assertEachRejected(cases, null, "byte_size");
    }

    @Test
    void malformedChecksumIsRejected() {
        byte[] pdf = SampleFiles.pdf();
        byte[] md5 = Base64.getDecoder().decode(SampleFiles.md5(pdf));
        Map<String, JsonObjectBuilder> cases = new LinkedHashMap<>();
        cases.put("missing", pdf().remove("checksum"));
        cases.put("null", pdf().addNull("checksum"));
        cases.put("empty", pdf().add("checksum", ""));
        cases.put("hex digest", pdf().add("checksum", SampleFiles.md5Hex(pdf)));
        cases.put("unpadded base64", pdf().add("checksum", Base64.getEncoder().withoutPadding().encodeToString(md5)));
        cases.put("24 characters decoding to 18 bytes", pdf().add("checksum", "A".repeat(24)));
        cases.put("24 characters decoding to 17 bytes", pdf().add("checksum", Base64.getEncoder().encodeToString(new byte[17])));
        cases.put("24 characters outside base64", pdf().add("checksum", "!".repeat(22) + "=="));
        cases.put("base64url alphabet", pdf().add("checksum", "-_" + "A".repeat(20) + "=="));
        cases.put("number", pdf().add("checksum", 12345));

        assertEachRejected(cases, null, "checksum");
    }

    @Test
    void missingOrMalformedContentTypeIsRejected() {
        Map<String, JsonObjectBuilder> cases = new LinkedHashMap<>();
        cases.put("missing", pdf().remove("content_type"));
        cases.put("null", pdf().addNull("content_type"));
        cases.put("empty", pdf().add("content_type", ""));
        cases.put("no subtype", pdf().add("content_type", "pdf"));
        cases.put("empty subtype", pdf().add("content_type", "application/"));
        cases.put("space inside", pdf().add("content_type", "application pdf"));
        cases.put("two slashes", pdf().add("content_type", "application/pdf/x"));
        cases.put("header injection", pdf().add("content_type", "application/pdf\r\nX-Injected: 1"));
        cases.put("number", pdf().add("content_type", 42));

        assertEachRejected(cases, null, "content_type");
    }

    @Test
    void contentTypeOutsideAllowedListIsRejected() {
        Map<String, JsonObjectBuilder> cases = new LinkedHashMap<>();
        cases.put("zip", pdf().add("content_type", "application/zip"));
        cases.put("html", pdf().add("content_type", "text/html"));
        cases.put("javascript", pdf().add("content_type", "text/javascript"));

        assertEachRejected(cases, null, "content_type");
    }

    @Test
    void attachmentNarrowsAllowedTypes() {
        byte[] pdf = SampleFiles.pdf();
        HttpResponse<byte[]> withoutAttachment = reserve(pdfDeclaration(pdf).build(), null);
        assertEquals(200, withoutAttachment.statusCode(), "precondition: the WAR allows PDFs: " + StorageClient.text(withoutAttachment));

        assertEachRejected(Map.of("PDF for an image", pdf()), "Gadget.imageBlobId", "content_type");
        HttpResponse<byte[]> image = reserve(pngDeclaration().build(), "Gadget.imageBlobId");
        assertEquals(200, image.statusCode(), StorageClient.text(image));
    }

    @Test
    void attachmentNarrowsMaxSize() {
        JsonObject tooLargeForImage = pngDeclaration().add("byte_size", Gadget.MAX_IMAGE_SIZE + 1).build();
        HttpResponse<byte[]> withoutAttachment = reserve(tooLargeForImage, null);
        assertEquals(200, withoutAttachment.statusCode(), "precondition: the WAR allows 1 MiB: " + StorageClient.text(withoutAttachment));

        assertEachRejected(Map.of("image over 512 KiB", pngDeclaration().add("byte_size", Gadget.MAX_IMAGE_SIZE + 1)),
                "Gadget.imageBlobId", "byte_size");
        HttpResponse<byte[]> largest = reserve(pngDeclaration().add("byte_size", Gadget.MAX_IMAGE_SIZE).build(), "Gadget.imageBlobId");
        assertEquals(200, largest.statusCode(), StorageClient.text(largest));
    }

    @Test
    void unknownAttachmentIsRejected() {
        for (String attachment : List.of("Nothing.imageBlobId", "Gadget.missingField", "Gadget.name", "Gadget", "BlobEntity.key", "")) {
            assertEachRejected(Map.of(attachment, pdf()), attachment, "attachment");
        }
    }

    @Test
    void missingBlobIsMalformed() {
        byte[] pdf = SampleFiles.pdf();
        JsonObject blob = pdfDeclaration(pdf).build();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty object", "{}");
        bodies.put("fields at top level", blob.toString());
        bodies.put("blob as string", Json.createObjectBuilder().add("blob", blob.toString()).build().toString());
        bodies.put("blob as array", "{\"blob\": []}");
        bodies.put("blob null", "{\"blob\": null}");
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");

        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<byte[]> response = client().postJson(DIRECT_UPLOADS, User.ALICE, body.getValue());

            assertError(body.getKey(), response, 400, "malformed_request", "blob");
        }
        assertEquals(rowsBefore, rows().byTenant("acme"));
    }

    @Test
    void invalidJsonIsMalformed() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not JSON", "filename=report.pdf");
        bodies.put("cut short", "{\"blob\": {\"filename\": \"report.pdf\"");
        bodies.put("nested 5,000 deep", "{\"blob\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");

        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<byte[]> response = client().postJson(DIRECT_UPLOADS, User.ALICE, body.getValue());

            assertError(body.getKey(), response, 400, "malformed_request", "blob");
        }
        assertEquals(rowsBefore, rows().byTenant("acme"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        byte[] pdf = SampleFiles.pdf();
        String forgedKey = "tenants/globex/blobs/" + UUID.randomUUID();
        long forgedId = 9_000_000_000L;
        JsonObjectBuilder declaration = pdfDeclaration(pdf)
                .add("status", "active")
                .add("key", forgedKey)
                .add("tenant_id", "globex")
                .add("id", forgedId);
        JsonObject body = Json.createObjectBuilder()
                .add("blob", declaration)
                .add("status", "active")
                .add("key", forgedKey)
                .add("tenant_id", "globex")
                .add("id", forgedId)
                .build();

        HttpResponse<byte[]> response = client().postJson(DIRECT_UPLOADS, User.ALICE, body.toString());

        assertEquals(200, response.statusCode(), StorageClient.text(response));
        JsonObject blob = StorageClient.json(response);
        long id = blob.getJsonNumber("id").longValueExact();
        assertNotEquals(forgedId, id);
        assertEquals("pending", blob.getString("status"));
        assertTrue(blob.getString("key").startsWith("tenants/acme/blobs/"), blob.getString("key"));
        BlobRows.Row row = rows().byId(id).orElseThrow();
        assertEquals("pending", row.status());
        assertEquals("acme", row.tenantId());
        assertEquals(blob.getString("key"), row.key());
        assertNull(row.attachedAt());
        assertEquals(Optional.empty(), rows().byKey(forgedKey));
        assertEquals(Optional.empty(), rows().byId(forgedId));
    }

    @Test
    void signedIdRedirectsToWorkingUrl() {
        byte[] png = SampleFiles.png();
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", png);

        HttpResponse<byte[]> redirect = client().get("api/storage/blobs/" + blob.getString("signed_id"), User.ALICE);

        assertEquals(302, redirect.statusCode(), StorageClient.text(redirect));
        assertTrue(redirect.headers().firstValue("Cache-Control").orElse("").contains("no-store"), redirect.headers().toString());
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertTrue(location.isAbsolute(), location.toString());
        assertTrue(location.toString().startsWith(client().root() + "storage/disk/"), location.toString());
        HttpResponse<byte[]> download = client().get(location.toString(), null);
        assertEquals(200, download.statusCode(), StorageClient.text(download));
        assertArrayEquals(png, download.body());
        assertEquals(Optional.of("image/png"), download.headers().firstValue("Content-Type"));
        assertEquals(Optional.of("inline; filename=\"photo.png\"; filename*=UTF-8''photo.png"),
                download.headers().firstValue("Content-Disposition"));
    }

    @Test
    void diskDownloadIsPrivateWithoutCookies() {
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png());
        HttpResponse<byte[]> redirect = client().get("api/storage/blobs/" + blob.getString("signed_id"), User.ALICE);
        assertEquals(302, redirect.statusCode(), StorageClient.text(redirect));

        HttpResponse<byte[]> download = client().get(redirect.headers().firstValue("Location").orElseThrow(), null);

        assertEquals(200, download.statusCode(), StorageClient.text(download));
        assertEquals(List.of(), download.headers().allValues("Set-Cookie"));
        String cacheControl = download.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cacheControl.contains("private"), cacheControl);
        assertFalse(cacheControl.contains("public"), cacheControl);
    }

    @Test
    void redirectAttachmentDispositionIsSigned() {
        JsonObject blob = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png());

        HttpResponse<byte[]> redirect = client().get("api/storage/blobs/" + blob.getString("signed_id") + "?disposition=attachment",
                User.ALICE);

        assertEquals(302, redirect.statusCode(), StorageClient.text(redirect));
        HttpResponse<byte[]> download = client().get(redirect.headers().firstValue("Location").orElseThrow(), null);
        assertEquals(Optional.of("attachment; filename=\"photo.png\"; filename*=UTF-8''photo.png"),
                download.headers().firstValue("Content-Disposition"));
    }

    @Test
    void tamperedSignedIdIsNotFound() {
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png()).getString("signed_id");
        String otherSignedId = client().uploadOk(User.ALICE, "other.png", "image/png", SampleFiles.png()).getString("signed_id");
        int dot = signedId.indexOf('.');
        Map<String, String> tampered = new LinkedHashMap<>();
        tampered.put("signature character changed", changeCharacterAt(signedId, dot + 10));
        tampered.put("payload character changed", changeCharacterAt(signedId, dot / 2));
        tampered.put("signature shortened", signedId.substring(0, signedId.length() - 1));
        tampered.put("signature of another blob", signedId.substring(0, dot) + otherSignedId.substring(otherSignedId.indexOf('.')));
        assertEquals(302, client().get("api/storage/blobs/" + signedId, User.ALICE).statusCode(), "precondition: the signed id works");

        for (Map.Entry<String, String> candidate : tampered.entrySet()) {
            HttpResponse<byte[]> response = client().get("api/storage/blobs/" + candidate.getValue(), User.ALICE);

            assertError(candidate.getKey(), response, 404, "not_found", null);
        }
    }

    @Test
    void otherTenantsSignedIdIsNotFound() {
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png()).getString("signed_id");

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + signedId, User.BOB);

        assertError("bob", response, 404, "not_found", null);
        assertEquals(302, client().get("api/storage/blobs/" + signedId, User.ALICE).statusCode(), "the owner still gets the blob");
    }

    @Test
    void pendingBlobIsNotServed() {
        JsonObject reserved = StorageClient.json(reserve(pdfDeclaration(SampleFiles.pdf()).build(), null));

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + reserved.getString("signed_id"), User.ALICE);

        assertError("pending", response, 404, "blob_not_found", null);
    }

    @Test
    void downloadTokenIsNotSignedId() {
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png()).getString("signed_id");
        String location = client().get("api/storage/blobs/" + signedId, User.ALICE).headers().firstValue("Location").orElseThrow();
        String downloadToken = location.substring(location.lastIndexOf('/') + 1);

        HttpResponse<byte[]> response = client().get("api/storage/blobs/" + downloadToken, User.ALICE);

        assertError("download token", response, 404, "not_found", null);
    }

    @Test
    void signedIdIsNotDiskToken() {
        String signedId = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png()).getString("signed_id");

        HttpResponse<byte[]> download = client().get("storage/disk/" + signedId, null);
        HttpResponse<byte[]> upload = client().send(client().request("storage/disk/" + signedId, null)
                .header("Content-Type", "image/png")
                .PUT(BodyPublishers.ofByteArray(SampleFiles.png())));

        assertError("GET", download, 404, "not_found", null);
        assertError("PUT", upload, 404, "not_found", null);
    }

    @Test
    void reservedUploadUrlCannotDownload() throws IOException {
        byte[] pdf = SampleFiles.pdf();
        JsonObject reserved = StorageClient.json(reserve(pdfDeclaration(pdf).build(), null));
        JsonObject target = reserved.getJsonObject("direct_upload");
        HttpRequest.Builder upload = client().request(target.getString("url"), null);
        target.getJsonObject("headers").forEach((name, value) -> upload.header(name, ((JsonString) value).getString()));
        HttpResponse<byte[]> uploaded = client().send(upload.PUT(BodyPublishers.ofByteArray(pdf)));
        assertEquals(204, uploaded.statusCode(), "precondition: the upload works: " + StorageClient.text(uploaded));

        HttpResponse<byte[]> response = client().get(target.getString("url"), null);

        assertError("upload URL", response, 404, "not_found", null);
        assertArrayEquals(pdf, Files.readAllBytes(TestDeployment.diskRoot().resolve(reserved.getString("key"))));
    }

    // Sends each declaration and checks that it is rejected with 422 naming the field, and that no
    // row was written.
    private void assertEachRejected(Map<String, JsonObjectBuilder> declarations, String attachment, String field) {
        List<BlobRows.Row> rowsBefore = rows().byTenant("acme");

        for (Map.Entry<String, JsonObjectBuilder> declaration : declarations.entrySet()) {
            HttpResponse<byte[]> response = reserve(declaration.getValue().build(), attachment);

            assertError(declaration.getKey(), response, 422, "invalid_input", field);
        }
        assertEquals(rowsBefore, rows().byTenant("acme"), "a rejected declaration must write no row");
    }

    private static void assertError(String caseName, HttpResponse<byte[]> response, int status, String error, String field) {
        assertEquals(status, response.statusCode(), caseName + ": " + StorageClient.text(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                caseName + ": " + response.headers());
        JsonObject body = StorageClient.json(response);
        assertEquals(error, body.getString("error"), caseName + ": " + body);
        if (field != null) {
            String message = body.getString("message");
            assertTrue(message.toLowerCase(Locale.ROOT).contains(field.toLowerCase(Locale.ROOT)),
                    caseName + ": the message must name " + field + ": " + message);
        }
    }

    private HttpResponse<byte[]> reserve(JsonObject blob, String attachment) {
        String path = attachment == null ? DIRECT_UPLOADS : DIRECT_UPLOADS + "?attachment=" + attachment;
        return client().postJson(path, User.ALICE, Json.createObjectBuilder().add("blob", blob).build().toString());
    }

    // A valid declaration of the sample PDF, for a case to change one field of.
    private static JsonObjectBuilder pdf() {
        return pdfDeclaration(SampleFiles.pdf());
    }

    private static JsonObjectBuilder pdfDeclaration(byte[] pdf) {
        return Json.createObjectBuilder()
                .add("filename", "report.pdf")
                .add("content_type", "application/pdf")
                .add("byte_size", pdf.length)
                .add("checksum", SampleFiles.md5(pdf));
    }

    private static JsonObjectBuilder pngDeclaration() {
        byte[] png = SampleFiles.png();
        return Json.createObjectBuilder()
                .add("filename", "photo.png")
                .add("content_type", "image/png")
                .add("byte_size", png.length)
                .add("checksum", SampleFiles.md5(png));
    }

    private static String changeCharacterAt(String value, int index) {
        char replacement = value.charAt(index) == 'A' ? 'B' : 'A';
        return value.substring(0, index) + replacement + value.substring(index + 1);
    }

    private static BlobRows rows() {
        return BlobRows.fromTestJvm(TestDeployment.dataDir());
    }

    private StorageClient client() {
        return new StorageClient(base);
    }
}
