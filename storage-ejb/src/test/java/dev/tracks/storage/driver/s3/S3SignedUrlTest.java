package dev.tracks.storage.driver.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.Checksum;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends presigned URLs to s3proxy with a plain HTTP client, as a browser would, to show that the
 * store itself enforces what the driver signed.
 */
class S3SignedUrlTest {

    private static final String BUCKET = "signed-url-test";
    private static final Duration EXPIRY = Duration.ofMinutes(5);

    @RegisterExtension
    static final S3ProxyServer S3 = S3ProxyServer.inMemory();

    private static S3Driver driver;
    private static HttpClient http;

    @BeforeAll
    static void createDriver() {
        S3.createBucket(BUCKET);
        driver = new S3Driver(S3.settings(BUCKET));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void closeDriver() {
        driver.close();
    }

    @Test
    void uploadUrlAcceptsDeclaredBody() throws Exception {
        StorageKey key = newKey();
        byte[] content = randomBytes(3000);
        SignedUrl url = driver.signUpload(key, EXPIRY, constraintsOf("image/png", content));

        HttpResponse<String> response = send(put(url, content, url.headers()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(read(key)).isEqualTo(content);
    }

    @Test
    void uploadUrlListsExactlyTheHeadersToSend() {
        byte[] content = randomBytes(10);

        SignedUrl url = driver.signUpload(newKey(), EXPIRY, constraintsOf("text/plain", content));

        assertThat(url.headers()).containsOnlyKeys("Content-Type", "Content-MD5");
        assertThat(url.uri().isAbsolute()).isTrue();
    }

    @Test
    void uploadUrlRejectsOtherBodyOfSameLength() throws Exception {
        StorageKey key = newKey();
        byte[] content = randomBytes(3000);
        SignedUrl url = driver.signUpload(key, EXPIRY, constraintsOf("image/png", content));
        byte[] other = content.clone();
        other[1234] ^= 1;

        HttpResponse<String> response = send(put(url, other, url.headers()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("BadDigest");
        assertThat(driver.stat(key)).isEmpty();
    }

    @Test
    void uploadUrlRejectsOtherContentMd5() throws Exception {
        StorageKey key = newKey();
        byte[] content = randomBytes(3000);
        byte[] other = randomBytes(2999);
        SignedUrl url = driver.signUpload(key, EXPIRY, constraintsOf("image/png", content));
        Map<String, String> headers = Map.of("Content-Type", "image/png", "Content-MD5", md5(other).base64());

        HttpResponse<String> response = send(put(url, content, headers));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(driver.stat(key)).isEmpty();
    }

    @Test
    void uploadUrlRejectsExtraBytes() throws Exception {
        StorageKey key = newKey();
        byte[] content = randomBytes(3000);
        SignedUrl url = driver.signUpload(key, EXPIRY, constraintsOf("image/png", content));

        HttpResponse<String> response = send(put(url, Arrays.copyOf(content, content.length + 1), url.headers()));

        assertThat(response.statusCode()).as("Content-Length is signed: " + response.body()).isEqualTo(403);
        assertThat(driver.stat(key)).isEmpty();
    }

    @Test
    void uploadUrlRejectsMissingContentMd5() throws Exception {
        StorageKey key = newKey();
        byte[] content = randomBytes(3000);
        SignedUrl url = driver.signUpload(key, EXPIRY, constraintsOf("image/png", content));

        HttpResponse<String> response = send(put(url, content, Map.of("Content-Type", "image/png")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(driver.stat(key)).isEmpty();
    }

    @Test
    void uploadUrlRejectsOtherContentType() throws Exception {
        StorageKey key = newKey();
        byte[] content = randomBytes(3000);
        SignedUrl url = driver.signUpload(key, EXPIRY, constraintsOf("image/png", content));
        Map<String, String> headers = Map.of("Content-Type", "text/html", "Content-MD5", md5(content).base64());

        HttpResponse<String> response = send(put(url, content, headers));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(driver.stat(key)).isEmpty();
    }

    @Test
    void downloadUrlReturnsBytesWithDispositionAndType() throws Exception {
        StorageKey key = stored(randomBytes(5000));
        ContentDisposition disposition = new ContentDisposition(ContentDisposition.Type.ATTACHMENT, "résumé 🎉.pdf");

        SignedUrl url = driver.signDownload(key, EXPIRY, disposition, "application/pdf");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url.uri()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(read(key));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue(disposition.headerValue());
        assertThat(disposition.headerValue()).contains("filename*=UTF-8''r%C3%A9sum%C3%A9%20%F0%9F%8E%89.pdf");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
    }

    @Test
    void downloadUrlWithChangedDispositionIsRejected() throws Exception {
        StorageKey key = stored(randomBytes(100));
        SignedUrl url = driver.signDownload(key, EXPIRY,
                new ContentDisposition(ContentDisposition.Type.ATTACHMENT, "report.pdf"), "application/pdf");
        URI tampered = URI.create(url.uri().toString().replace("attachment", "inline"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(tampered).isNotEqualTo(url.uri());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void expiredDownloadUrlIsRejected() throws Exception {
        StorageKey key = stored(randomBytes(100));
        SignedUrl url = driver.signDownload(key, Duration.ofSeconds(1),
                new ContentDisposition(ContentDisposition.Type.INLINE, null), "text/plain");

        Thread.sleep(2100);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.uri()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void signingLogsKeyButNeitherUrlNorSecret() {
        StorageKey key = newKey();
        List<String> messages = new ArrayList<>();
        Logger logger = Logger.getLogger(S3Driver.class.getPackageName());
        Level previous = logger.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(new MessageFormat(record.getMessage()).format(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            SignedUrl download = driver.signDownload(key, EXPIRY, new ContentDisposition(ContentDisposition.Type.INLINE, null),
                    "text/plain");
            SignedUrl upload = driver.signUpload(key, EXPIRY, constraintsOf("text/plain", new byte[1]));

            assertThat(messages).hasSize(2).allSatisfy(message -> {
                assertThat(message).contains(key.value());
                assertThat(message).doesNotContain(download.uri().toString(), upload.uri().toString(),
                        download.uri().getRawQuery(), S3ProxyServer.SECRET_ACCESS_KEY);
            });
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }
    }

    private HttpRequest put(SignedUrl url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.uri()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static StorageKey stored(byte[] content) {
        StorageKey key = newKey();
        driver.put(key, new ByteArrayInputStream(content), "application/octet-stream");
        return key;
    }

    private static byte[] read(StorageKey key) throws IOException {
        try (InputStream in = driver.open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private static UploadConstraints constraintsOf(String contentType, byte[] content) {
        return new UploadConstraints(contentType, content.length, md5(content));
    }

    private static StorageKey newKey() {
        return new StorageKey("signed/" + UUID.randomUUID());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static Checksum md5(byte[] content) {
        try {
            return Checksum.ofMd5(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
