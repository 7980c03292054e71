package dev.tracks.storage.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Drives the running sample application over HTTP as a browser or an API client would: uploads,
 * signed URLs, tenant isolation, a 1 GiB upload at a 256 MiB heap, and the catalog page with both
 * of its forms.
 *
 * <p>The build starts the server before this test ({@code sample.url}) and gives the folder of
 * that server ({@code sample.server.dir}), whose {@code data/storage} is the disk driver's root.
 */
class SampleAppIT {

    private static final URI BASE = URI.create(System.getProperty("sample.url", "http://127.0.0.1:9280/"));
    private static final Path STORAGE_ROOT = Path.of(System.getProperty("sample.server.dir", "target/liberty/wlp/usr/servers/sample-it"))
            .resolve("data/storage");
    private static final String ALICE = basic("alice@acme", "alice");
    private static final String BOB = basic("bob@globex", "bob");
    private static final long ONE_GIB = 1L << 30;
    private static final Pattern KEY = Pattern.compile("tenants/acme/blobs/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void uploadStoresPdfUnderTenantKey() throws Exception {
        byte[] pdf = resource("report.pdf");

        JsonObject blob = uploadAsAlice("report.bin", "application/octet-stream", pdf);

        assertThat(blob.getString("content_type")).isEqualTo("application/pdf");
        assertThat(blob.getJsonNumber("byte_size").longValueExact()).isEqualTo(pdf.length);
        assertThat(blob.getString("checksum")).isEqualTo(md5Base64(pdf));
        assertThat(blob.getString("filename")).isEqualTo("report.bin");
        assertThat(blob.getString("status")).isEqualTo("active");
        assertThat(blob.getString("key")).matches(KEY);
        assertThat(STORAGE_ROOT.resolve(blob.getString("key"))).hasBinaryContent(pdf);
    }

    @Test
    void signedUrlDownloadsWithoutCredentials() throws Exception {
        byte[] pdf = resource("report.pdf");
        JsonObject blob = uploadAsAlice("report.bin", "application/octet-stream", pdf);

        URI url = signedUrl(ALICE, blob.getJsonNumber("id").longValueExact());
        HttpResponse<byte[]> download = http.send(get(url).build(), BodyHandlers.ofByteArray());

        assertThat(url.isAbsolute()).isTrue();
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
    }

    @Test
    void tamperedTokenIsNotFound() throws Exception {
        JsonObject blob = uploadAsAlice("report.bin", "application/octet-stream", resource("report.pdf"));
        URI url = signedUrl(ALICE, blob.getJsonNumber("id").longValueExact());

        HttpResponse<String> download = http.send(get(withOneTokenCharacterChanged(url)).build(), BodyHandlers.ofString());

        assertThat(download.statusCode()).isEqualTo(404);
    }

    @Test
    void otherTenantCannotSignUrl() throws Exception {
        JsonObject blob = uploadAsAlice("report.bin", "application/octet-stream", resource("report.pdf"));

        HttpResponse<String> response = http.send(get(BASE.resolve("api/storage/blobs/" + blob.getJsonNumber("id") + "/url"))
                .header("Authorization", BOB).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void anonymousUploadIsUnauthorized() throws Exception {
        MultipartBody form = new MultipartBody().file("file", "report.bin", "application/octet-stream", resource("report.pdf"));

        HttpResponse<String> response = http.send(post(BASE.resolve("storage/uploads"), form).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    // The default java.net.http client asks to upgrade to cleartext HTTP/2 (h2c), so this test
    // also checks that the server streams such a request instead of buffering its body.
    @Test
    void oneGibUploadFitsSmallHeap() throws Exception {
        GeneratedContent[] sent = new GeneratedContent[1];
        MultipartBody form = new MultipartBody().file("file", "large.bin", "application/octet-stream", ONE_GIB, () -> {
            sent[0] = new GeneratedContent(ONE_GIB, 20_261_204L);
            return sent[0];
        });

        long started = System.nanoTime();
        HttpResponse<String> response = http.send(post(BASE.resolve("storage/uploads"), form).header("Authorization", ALICE)
                .timeout(Duration.ofMinutes(5)).build(), BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("1 GiB upload took %.1f s (%.0f MiB/s)%n", seconds, 1024 / seconds);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject blob = json(response.body());
        Path stored = STORAGE_ROOT.resolve(blob.getString("key"));
        try {
            assertThat(sent[0].bytesRead()).isEqualTo(ONE_GIB);
            assertThat(blob.getJsonNumber("byte_size").longValueExact()).isEqualTo(ONE_GIB);
            assertThat(blob.getString("checksum")).isEqualTo(sent[0].md5Base64());
            assertThat(Files.size(stored)).isEqualTo(ONE_GIB);
        } finally {
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(BASE.resolve("api/storage/blobs/" + blob.getJsonNumber("id")))
                    .DELETE().header("Authorization", ALICE).build(), BodyHandlers.ofString());
            assertThat(deleted.statusCode()).isEqualTo(204);
        }
        assertThat(stored).doesNotExist();
    }

    @Test
    void pageShowsAddedProductImage() throws Exception {
        String name = "Mug <b>" + UUID.randomUUID();
        byte[] png = png();

        HttpResponse<String> added = addProduct(ALICE, name, "mug.png", "image/png", png);
        HttpResponse<String> page = http.send(get(BASE).header("Authorization", ALICE).build(), BodyHandlers.ofString());
        URI image = imageUrlOf(page.body(), name);
        HttpResponse<byte[]> served = http.send(get(image).build(), BodyHandlers.ofByteArray());

        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("enctype=\"multipart/form-data\"").doesNotContain(name);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.body()).isEqualTo(png);
    }

    @Test
    void pageHidesOtherTenantsProducts() throws Exception {
        String name = "Lamp " + UUID.randomUUID();
        addProduct(ALICE, name, "lamp.png", "image/png", png());

        HttpResponse<String> bobsPage = http.send(get(BASE).header("Authorization", BOB).build(), BodyHandlers.ofString());

        assertThat(bobsPage.statusCode()).isEqualTo(200);
        assertThat(bobsPage.body()).doesNotContain(name);
    }

    @Test
    void pdfProductImageIsRejected() throws Exception {
        long filesBefore = storedFilesOfAcme();

        HttpResponse<String> rejected = addProduct(ALICE, "Report " + UUID.randomUUID(), "report.png", "image/png",
                resource("report.pdf"));

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(rejected.body()).contains("application/pdf").doesNotContain("Exception");
        assertThat(storedFilesOfAcme()).as("files under tenants/acme after the rejected image").isEqualTo(filesBefore);
    }

    @Test
    void blankProductNameIsRejected() throws Exception {
        long filesBefore = storedFilesOfAcme();

        HttpResponse<String> rejected = addProduct(ALICE, "  ", "mug.png", "image/png", png());

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.body()).contains("Product name is missing");
        assertThat(storedFilesOfAcme()).as("files under tenants/acme after the rejected name").isEqualTo(filesBefore);
    }

    @Test
    void signedIdFormAttachesDirectUpload() throws Exception {
        String name = "Poster " + UUID.randomUUID();
        byte[] png = png();
        JsonObject upload = directUpload(ALICE, "poster.png", png);

        HttpResponse<String> added = addProductBySignedId(ALICE, name, upload.getString("signed_id"), "same-origin");
        HttpResponse<String> page = http.send(get(BASE).header("Authorization", ALICE).build(), BodyHandlers.ofString());
        HttpResponse<byte[]> served = http.send(get(imageUrlOf(page.body(), name)).build(), BodyHandlers.ofByteArray());

        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/");
        assertThat(blobStatus(ALICE, upload)).isEqualTo("active");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
    }

    @Test
    void crossSiteSignedIdFormIsRejected() throws Exception {
        String name = "Forged " + UUID.randomUUID();
        JsonObject upload = directUpload(ALICE, "forged.png", png());

        HttpResponse<String> rejected = addProductBySignedId(ALICE, name, upload.getString("signed_id"), "cross-site");
        HttpResponse<String> page = http.send(get(BASE).header("Authorization", ALICE).build(), BodyHandlers.ofString());

        assertThat(rejected.statusCode()).isEqualTo(403);
        assertThat(blobStatus(ALICE, upload)).isEqualTo("pending");
        assertThat(page.body()).doesNotContain(name);
    }

    @Test
    void formWithoutSignedIdIsRejected() throws Exception {
        HttpResponse<String> rejected = addProductBySignedId(ALICE, "Cup " + UUID.randomUUID(), "", "same-origin");

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.body()).contains("Product image is missing");
    }

    @Test
    void otherTenantsSignedIdIsNotAttached() throws Exception {
        JsonObject upload = directUpload(ALICE, "vase.png", png());

        HttpResponse<String> rejected = addProductBySignedId(BOB, "Vase " + UUID.randomUUID(), upload.getString("signed_id"),
                "same-origin");

        assertThat(rejected.statusCode()).isEqualTo(404);
        assertThat(blobStatus(ALICE, upload)).isEqualTo("pending");
    }

    // With the disk driver every upload and image stays on the page's own origin.
    @Test
    void pagePolicyAllowsOnlyOwnOrigin() throws Exception {
        HttpResponse<String> page = http.send(get(BASE).header("Authorization", ALICE).build(), BodyHandlers.ofString());

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; script-src 'self';"
                + " connect-src 'self'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none';"
                + " base-uri 'none'");
        assertThat(page.body()).contains("data-direct-upload-url=\"/api/storage/direct-uploads?attachment=Product.imageBlobId\"");
        assertThat(page.body()).doesNotContain("<meta name=\"csrf-token\"");
    }

    private JsonObject uploadAsAlice(String filename, String contentType, byte[] content) throws IOException, InterruptedException {
        MultipartBody form = new MultipartBody().file("file", filename, contentType, content);

        HttpResponse<String> response = http.send(post(BASE.resolve("storage/uploads"), form).header("Authorization", ALICE).build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    private URI signedUrl(String credentials, long blobId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(BASE.resolve("api/storage/blobs/" + blobId + "/url"))
                .header("Authorization", credentials).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return URI.create(json(response.body()).getString("url"));
    }

    private HttpResponse<String> addProduct(String credentials, String name, String filename, String contentType, byte[] image)
            throws IOException, InterruptedException {
        MultipartBody form = new MultipartBody().field("name", name).file("file", filename, contentType, image);

        return http.send(post(BASE.resolve("products"), form).header("Authorization", credentials).build(), BodyHandlers.ofString());
    }

    // Signs a direct upload for the product image field and PUTs the file to the signed URL, as
    // the page's script does, and returns the signing response.
    private JsonObject directUpload(String credentials, String filename, byte[] png) throws Exception {
        String declaration = Json.createObjectBuilder().add("blob", Json.createObjectBuilder()
                .add("filename", filename)
                .add("content_type", "image/png")
                .add("byte_size", png.length)
                .add("checksum", md5Base64(png))).build().toString();
        URI signing = BASE.resolve("api/storage/direct-uploads?attachment=Product.imageBlobId");
        HttpResponse<String> signed = http.send(HttpRequest.newBuilder(signing)
                .timeout(Duration.ofSeconds(30)).header("Authorization", credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(declaration)).build(), BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        JsonObject upload = json(signed.body());

        JsonObject target = upload.getJsonObject("direct_upload");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(target.getString("url"))).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png));
        target.getJsonObject("headers").forEach((header, value) -> put.header(header, ((JsonString) value).getString()));
        HttpResponse<String> stored = http.send(put.build(), BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);
        return upload;
    }

    private HttpResponse<String> addProductBySignedId(String credentials, String name, String signedId, String fetchSite)
            throws IOException, InterruptedException {
        String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&signed_id=" + URLEncoder.encode(signedId,
                StandardCharsets.UTF_8);

        return http.send(HttpRequest.newBuilder(BASE.resolve("products")).timeout(Duration.ofSeconds(30))
                .header("Authorization", credentials).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", fetchSite).POST(HttpRequest.BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
    }

    private String blobStatus(String credentials, JsonObject upload) throws IOException, InterruptedException {
        HttpResponse<String> blob = http.send(get(BASE.resolve("api/storage/blobs/" + upload.getJsonNumber("id")))
                .header("Authorization", credentials).build(), BodyHandlers.ofString());

        assertThat(blob.statusCode()).as(blob.body()).isEqualTo(200);
        return json(blob.body()).getString("status");
    }

    // The page escapes the name in the alt text and the URL in src, as any HTML attribute value.
    private static URI imageUrlOf(String html, String productName) {
        Pattern image = Pattern.compile("<img src=\"([^\"]+)\" alt=\"" + Pattern.quote(escape(productName)) + "\">");
        Matcher matcher = image.matcher(html);

        assertThat(matcher.find()).as("an <img> for '%s' in the page:%n%s", productName, html).isTrue();
        return URI.create(matcher.group(1).replace("&amp;", "&"));
    }

    private static long storedFilesOfAcme() throws IOException {
        Path blobs = STORAGE_ROOT.resolve("tenants/acme/blobs");
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static URI withOneTokenCharacterChanged(URI url) {
        String text = url.toString();
        int middle = text.lastIndexOf('/') + (text.length() - text.lastIndexOf('/')) / 2;
        char changed = text.charAt(middle) == 'A' ? 'B' : 'A';
        return URI.create(text.substring(0, middle) + changed + text.substring(middle + 1));
    }

    private static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    }

    private static HttpRequest.Builder post(URI uri, MultipartBody form) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", form.contentType())
                .POST(form.publisher());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SampleAppIT.class.getResourceAsStream("/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 32; y++) {
                image.setRGB(x, y, new Color(x * 8, y * 8, 128).getRGB());
            }
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static String md5Base64(byte[] content) throws NoSuchAlgorithmException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
