package dev.tracks.storage.driver.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;
import java.net.URI;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the V4 URLs offline: each one is verified with the public half of a key generated for the
 * test, by rebuilding the string to sign from the URL as GCS would. GCS itself is not involved, so
 * this proves what is signed, not that GCS accepts it; the cloud test proves that.
 */
class GcsSignedUrlTest {

    private static final String BUCKET = "tracks-test-bucket";
    private static final StorageKey KEY = new StorageKey("tenants/acme/blobs/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed");
    private static final ContentDisposition DISPOSITION = new ContentDisposition(ContentDisposition.Type.ATTACHMENT, "résumé 100%.pdf");
    private static final Checksum CHECKSUM = new Checksum("1B2M2Y8AsgTpgAmY7PhCfg==");

    private static final TestServiceAccount ACCOUNT = TestServiceAccount.generate();

    private GcsDriver driver;

    @BeforeEach
    void createDriver() {
        driver = driverFor(GcsSettings.ofBucket(BUCKET));
    }

    @Test
    void downloadSignatureVerifies() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofMinutes(5), DISPOSITION, "application/pdf");

        assertThat(url.uri().toString()).startsWith("https://storage.googleapis.com/" + BUCKET + "/" + KEY.value() + "?");
        assertThat(V4SignatureCheck.verifies(url.uri(), "GET", Map.of(), ACCOUNT.publicKey())).isTrue();
    }

    @Test
    void downloadCarriesResponseHeaders() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofMinutes(5), DISPOSITION, "application/pdf");

        Map<String, String> query = V4SignatureCheck.queryOf(url.uri());
        assertThat(query).containsEntry("response-content-disposition", DISPOSITION.headerValue());
        assertThat(query).containsEntry("response-content-type", "application/pdf");
    }

    @Test
    void changedDispositionFailsVerification() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofMinutes(5), DISPOSITION, "application/pdf");

        URI tampered = V4SignatureCheck.withQueryParameter(url.uri(), "response-content-disposition", "inline");

        assertThat(V4SignatureCheck.verifies(tampered, "GET", Map.of(), ACCOUNT.publicKey())).isFalse();
    }

    @Test
    void changedResponseTypeFailsVerification() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofMinutes(5), DISPOSITION, "application/pdf");

        URI tampered = V4SignatureCheck.withQueryParameter(url.uri(), "response-content-type", "text/html");

        assertThat(V4SignatureCheck.verifies(tampered, "GET", Map.of(), ACCOUNT.publicKey())).isFalse();
    }

    @Test
    void downloadUrlDoesNotVerifyAsUpload() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofMinutes(5), DISPOSITION, "application/pdf");

        assertThat(V4SignatureCheck.verifies(url.uri(), "PUT", Map.of(), ACCOUNT.publicKey())).isFalse();
    }

    @Test
    void otherKeyFailsVerification() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofMinutes(5), DISPOSITION, "application/pdf");

        assertThat(V4SignatureCheck.verifies(url.uri(), "GET", Map.of(), TestServiceAccount.generate().publicKey())).isFalse();
    }

    @Test
    void uploadSignsContentTypeAndMd5() {
        SignedUrl url = signUpload();

        assertThat(V4SignatureCheck.queryOf(url.uri())).containsEntry("X-Goog-SignedHeaders", "content-md5;content-type;host");
        assertThat(url.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("Content-Type", "image/png", "Content-MD5", CHECKSUM.base64()));
        assertThat(V4SignatureCheck.verifies(url.uri(), "PUT", url.headers(), ACCOUNT.publicKey())).isTrue();
    }

    @Test
    void uploadWithOtherMd5FailsVerification() {
        SignedUrl url = signUpload();
        Map<String, String> headers = new HashMap<>(url.headers());
        headers.put("Content-MD5", "CY9rzUYh03PK3k6DJie09g==");

        assertThat(V4SignatureCheck.verifies(url.uri(), "PUT", headers, ACCOUNT.publicKey())).isFalse();
    }

    @Test
    void uploadWithOtherContentTypeFailsVerification() {
        SignedUrl url = signUpload();
        Map<String, String> headers = new HashMap<>(url.headers());
        headers.put("Content-Type", "text/html");

        assertThat(V4SignatureCheck.verifies(url.uri(), "PUT", headers, ACCOUNT.publicKey())).isFalse();
    }

    @Test
    void uploadWithoutSignedHeadersFailsVerification() {
        SignedUrl url = signUpload();

        assertThat(V4SignatureCheck.verifies(url.uri(), "PUT", Map.of(), ACCOUNT.publicKey())).isFalse();
    }

    @Test
    void expiryEqualsRequestedDuration() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofMinutes(7), DISPOSITION, "application/pdf");

        Map<String, String> query = V4SignatureCheck.queryOf(url.uri());
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(query.get("X-Goog-Date"), Instant::from);
        assertThat(query).containsEntry("X-Goog-Expires", "420");
        assertThat(url.expiresAt()).isEqualTo(signedAt.plus(Duration.ofMinutes(7)));
    }

    @Test
    void credentialNamesTheServiceAccount() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofMinutes(5), DISPOSITION, "application/pdf");

        assertThat(V4SignatureCheck.queryOf(url.uri()).get("X-Goog-Credential"))
                .startsWith(TestServiceAccount.EMAIL + "/")
                .endsWith("/auto/storage/goog4_request");
    }

    @Test
    void expiryOverSevenDaysIsRejected() {
        assertThatThrownBy(() -> driver.signDownload(KEY, Duration.ofDays(7).plusSeconds(1), DISPOSITION, "application/pdf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7 days");
    }

    @Test
    void sevenDayExpiryIsAccepted() {
        SignedUrl url = driver.signDownload(KEY, Duration.ofDays(7), DISPOSITION, "application/pdf");

        assertThat(V4SignatureCheck.queryOf(url.uri())).containsEntry("X-Goog-Expires", "604800");
    }

    @Test
    void subSecondExpiryIsRejected() {
        assertThatThrownBy(() -> driver.signDownload(KEY, Duration.ofMillis(500), DISPOSITION, "application/pdf"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostSettingPointsUrlsAtHost() {
        GcsDriver emulated = driverFor(new GcsSettings(BUCKET, Optional.empty(), Optional.empty(),
                Optional.of(URI.create("http://127.0.0.1:4443"))));

        SignedUrl url = emulated.signDownload(KEY, Duration.ofMinutes(5), DISPOSITION, "application/pdf");

        assertThat(url.uri().toString()).startsWith("http://127.0.0.1:4443/" + BUCKET + "/" + KEY.value() + "?");
        assertThat(V4SignatureCheck.verifies(url.uri(), "GET", Map.of(), ACCOUNT.publicKey())).isTrue();
    }

    @Test
    void signingLogsKeyButNotUrl() {
        Logger logger = Logger.getLogger(GcsDriver.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(handler);
        try {
            SignedUrl url = signUpload();

            assertThat(records).hasSize(1);
            String message = MessageFormat.format(records.get(0).getMessage(), records.get(0).getParameters());
            assertThat(message).contains(KEY.value()).contains(url.expiresAt().toString());
            assertThat(message).doesNotContain(V4SignatureCheck.queryOf(url.uri()).get("X-Goog-Signature"));
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(previous);
        }
    }

    private SignedUrl signUpload() {
        return driver.signUpload(KEY, Duration.ofMinutes(5), new UploadConstraints("image/png", 1234, CHECKSUM));
    }

    private GcsDriver driverFor(GcsSettings settings) {
        return new GcsDriver(LocalStorageHelper.customOptions(true).getService(), settings, ACCOUNT.credentials());
    }
}
