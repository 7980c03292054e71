package dev.tracks.storage.driver.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.Checksum;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;
import dev.tracks.storage.driver.DriverContract;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Runs the driver contract and a signed upload and download against a real GCS bucket, the only
 * place where GCS itself checks the preconditions, the MD5 and the V4 signatures.
 *
 * <p>It runs when {@code TRACKS_GCS_BUCKET} names a bucket and
 * {@code GOOGLE_APPLICATION_CREDENTIALS} points at a service-account key file whose account may
 * create, read and delete objects in it; otherwise JUnit reports it as skipped. Objects are
 * written under {@code contract/} and deleted afterwards.
 */
@EnabledIfEnvironmentVariable(named = "TRACKS_GCS_BUCKET", matches = ".+")
@EnabledIfEnvironmentVariable(named = "GOOGLE_APPLICATION_CREDENTIALS", matches = ".+")
class GcsDriverCloudIT extends DriverContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GcsDriver driver;

    @BeforeAll
    static void createDriver() {
        driver = GcsDriver.fromConfig(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "storage.gcs.bucket", System.getenv("TRACKS_GCS_BUCKET"),
                "storage.gcs.credentials", System.getenv("GOOGLE_APPLICATION_CREDENTIALS")), "cloud-it", 500)).build());
    }

    @AfterAll
    static void closeDriver() {
        driver.close();
    }

    @Override
    protected Driver driver() {
        return driver;
    }

    @Test
    void existingKeyFailsOnPrecondition() {
        StorageKey key = newKey();
        driver.put(key, new ByteArrayInputStream(new byte[10]), "text/plain");

        assertThatThrownBy(() -> driver.put(key, new ByteArrayInputStream(new byte[5]), "text/plain"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("an object with this key exists");
    }

    @Test
    void signedUploadThenSignedDownloadRoundTrips() throws IOException, InterruptedException {
        StorageKey key = newKey();
        byte[] body = randomBytes(20_000);
        SignedUrl upload = driver.signUpload(key, Duration.ofMinutes(5), new UploadConstraints("image/png", body.length, md5(body)));

        HttpResponse<String> put = HTTP.send(putRequest(upload, body), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(driver.stat(key)).hasValueSatisfying(object -> assertThat(object.byteSize()).isEqualTo(body.length));

        ContentDisposition disposition = new ContentDisposition(ContentDisposition.Type.ATTACHMENT, "résumé.png");
        SignedUrl download = driver.signDownload(key, Duration.ofMinutes(5), disposition, "image/png");
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(download.uri()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(body);
        assertThat(get.headers().firstValue("Content-Disposition")).hasValue(disposition.headerValue());
        assertThat(get.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void signedUploadRejectsOtherBody() throws IOException, InterruptedException {
        StorageKey key = newKey();
        byte[] declared = randomBytes(1000);
        SignedUrl upload = driver.signUpload(key, Duration.ofMinutes(5), new UploadConstraints("image/png", 1000, md5(declared)));

        HttpResponse<String> put = HTTP.send(putRequest(upload, randomBytes(999)), HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
        assertThat(driver.stat(key)).isEmpty();
    }

    @Test
    void signedUploadRejectsOtherContentType() throws IOException, InterruptedException {
        StorageKey key = newKey();
        byte[] body = randomBytes(1000);
        SignedUrl upload = driver.signUpload(key, Duration.ofMinutes(5), new UploadConstraints("image/png", 1000, md5(body)));
        HttpRequest request = HttpRequest.newBuilder(upload.uri())
                .header("Content-Type", "text/html")
                .header("Content-MD5", upload.headers().get("Content-MD5"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        HttpResponse<String> put = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
        assertThat(driver.stat(key)).isEmpty();
    }

    @Test
    void tamperedDownloadUrlIsRejected() throws IOException, InterruptedException {
        StorageKey key = newKey();
        driver.put(key, new ByteArrayInputStream(randomBytes(100)), "application/pdf");
        SignedUrl download = driver.signDownload(key, Duration.ofMinutes(5),
                new ContentDisposition(ContentDisposition.Type.ATTACHMENT, "report.pdf"), "application/pdf");

        URI tampered = V4SignatureCheck.withQueryParameter(download.uri(), "response-content-type", "text/html");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(403);
    }

    private static HttpRequest putRequest(SignedUrl upload, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(upload.uri()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.headers().forEach(request::header);
        return request.build();
    }

    private static Checksum md5(byte[] body) {
        try {
            return Checksum.ofMd5(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
