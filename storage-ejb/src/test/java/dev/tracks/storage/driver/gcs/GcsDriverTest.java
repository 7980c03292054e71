package dev.tracks.storage.driver.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.tracks.storage.ByteRange;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.driver.DriverContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the driver contract against Google's in-memory {@code LocalStorageHelper}, a fake of the
 * GCS JSON API that needs no network. It reports no MD5 and cannot sign, so URLs are signed with
 * a key generated for the test.
 */
class GcsDriverTest extends DriverContract {

    private static final String BUCKET = "tracks-test-bucket";
    private static final TestServiceAccount ACCOUNT = TestServiceAccount.generate();

    private Storage storage;
    private GcsDriver driver;

    @BeforeEach
    void createDriver() {
        storage = LocalStorageHelper.customOptions(true).getService();
        driver = new GcsDriver(storage, GcsSettings.ofBucket(BUCKET), ACCOUNT.credentials());
    }

    @Override
    protected Driver driver() {
        return driver;
    }

    // Crosses two chunk boundaries, so the upload takes three requests of the resumable session.
    @Override
    protected int largeObjectSize() {
        return 2 * GcsUploader.CHUNK_SIZE + 123;
    }

    @Test
    void objectIsNamedByItsKey() throws IOException {
        StorageKey key = newKey();

        driver.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), "application/octet-stream");

        assertThat(storage.get(BUCKET, key.value())).isNotNull();
        assertThat(storage.readAllBytes(BUCKET, key.value())).containsExactly(1, 2, 3);
    }

    @Test
    void contentTypeIsRecorded() {
        StorageKey key = newKey();

        driver.put(key, new ByteArrayInputStream(new byte[10]), "image/png");

        assertThat(storage.get(BUCKET, key.value()).getContentType()).isEqualTo("image/png");
    }

    @Test
    void existingKeyFailureNamesKeyAndBucket() {
        StorageKey key = newKey();
        driver.put(key, new ByteArrayInputStream(new byte[10]), "text/plain");

        assertThatThrownBy(() -> driver.put(key, new ByteArrayInputStream(new byte[5]), "text/plain"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("key '" + key + "'")
                .hasMessageContaining("bucket '" + BUCKET + "'")
                .hasMessageContaining("an object with this key exists")
                .hasCauseInstanceOf(com.google.cloud.storage.StorageException.class);
    }

    @Test
    void failedReadOfContentNamesTheContent() {
        StorageKey key = newKey();
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[1000]), new FailingInputStream());

        assertThatThrownBy(() -> driver.put(key, failing, "text/plain"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("reading the content failed")
                .hasRootCauseMessage("client disconnected");
    }

    @Test
    void putDoesNotCloseTheContent() {
        StorageKey key = newKey();
        boolean[] closed = {false};
        InputStream content = new ByteArrayInputStream(new byte[100]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        driver.put(key, content, "text/plain");

        assertThat(closed[0]).isFalse();
    }

    @Test
    void rangeAcrossChunkBoundaryIsExact() throws IOException {
        StorageKey key = newKey();
        byte[] content = randomBytes(GcsUploader.CHUNK_SIZE + 1000);
        driver.put(key, new ByteArrayInputStream(content), "application/octet-stream");
        int first = GcsUploader.CHUNK_SIZE - 10;

        byte[] range;
        try (InputStream in = driver.open(key, new ByteRange(first, first + 19)).orElseThrow()) {
            range = in.readAllBytes();
        }

        assertThat(range).isEqualTo(Arrays.copyOfRange(content, first, first + 20));
    }

    @Test
    void driverWithoutSigningKeyCannotSign() {
        GcsDriver unsigned = new GcsDriver(LocalStorageHelper.customOptions(true).getService(), GcsSettings.ofBucket(BUCKET));

        assertThatThrownBy(() -> unsigned.signDownload(newKey(), Duration.ofMinutes(1),
                new ContentDisposition(ContentDisposition.Type.INLINE, null), "text/plain"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("storage.gcs.credentials");
    }

    @Test
    void toStringShowsBucketOnly() {
        assertThat(driver).hasToString("GcsDriver[bucket=" + BUCKET + "]");
    }
}
