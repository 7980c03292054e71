package dev.tracks.storage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.ByteRange;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;
import dev.tracks.storage.io.ChecksumInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Driver} must show, whatever its store. A driver's test class extends
 * this and supplies the driver; it may add tests of its own.
 *
 * <p>Every test writes under fresh random keys and deletes them afterwards, so the suite can run
 * against a shared bucket.
 */
public abstract class DriverContract {

    private final List<StorageKey> written = new ArrayList<>();

    /**
     * Returns the driver under test; the same instance for every call within one test.
     */
    protected abstract Driver driver();

    /**
     * Returns the size of the object that {@link #largeObjectRoundTrips()} stores: large enough to
     * cross the driver's chunk or multipart threshold.
     */
    protected int largeObjectSize() {
        return 6 * 1024 * 1024 + 123;
    }

    @AfterEach
    void deleteWrittenKeys() {
        for (StorageKey key : written) {
            driver().delete(key);
        }
    }

    @Test
    void putThenOpenReturnsSameBytes() throws IOException {
        StorageKey key = newKey();
        byte[] content = randomBytes(10_000);

        driver().put(key, new ByteArrayInputStream(content), "application/octet-stream");

        assertThat(readAll(key)).isEqualTo(content);
    }

    @Test
    void emptyStreamIsStoredAsZeroBytes() throws IOException {
        StorageKey key = newKey();

        driver().put(key, InputStream.nullInputStream(), "text/plain");

        assertThat(readAll(key)).isEmpty();
        assertThat(driver().stat(key)).hasValueSatisfying(object -> assertThat(object.byteSize()).isZero());
    }

    @Test
    void largeObjectRoundTrips() throws IOException {
        StorageKey key = newKey();
        byte[] content = randomBytes(largeObjectSize());

        driver().put(key, new ByteArrayInputStream(content), "application/octet-stream");

        assertThat(readAll(key)).isEqualTo(content);
        assertThat(driver().stat(key)).hasValueSatisfying(object -> assertThat(object.byteSize()).isEqualTo(content.length));
    }

    @Test
    void openingMissingKeyIsEmpty() {
        assertThat(driver().open(newKey())).isEmpty();
        assertThat(driver().open(newKey(), new ByteRange(0, 10))).isEmpty();
    }

    @Test
    void statReportsSize() {
        StorageKey key = newKey();
        driver().put(key, new ByteArrayInputStream(randomBytes(4321)), "application/octet-stream");

        assertThat(driver().stat(key)).hasValueSatisfying(object -> {
            assertThat(object.key()).isEqualTo(key);
            assertThat(object.byteSize()).isEqualTo(4321);
        });
    }

    @Test
    void statOfMissingKeyIsEmpty() {
        assertThat(driver().stat(newKey())).isEmpty();
    }

    @Test
    void deleteRemovesObject() {
        StorageKey key = newKey();
        driver().put(key, new ByteArrayInputStream(randomBytes(100)), "application/octet-stream");

        driver().delete(key);

        assertThat(driver().stat(key)).isEmpty();
        assertThat(driver().open(key)).isEmpty();
    }

    @Test
    void deletingMissingKeyIsNoOp() {
        StorageKey key = newKey();

        driver().delete(key);
        driver().delete(key);

        assertThat(driver().stat(key)).isEmpty();
    }

    @Test
    void rangedOpenReturnsExactlyTheRange() throws IOException {
        StorageKey key = newKey();
        byte[] content = randomBytes(1000);
        driver().put(key, new ByteArrayInputStream(content), "application/octet-stream");

        byte[] middle = read(driver().open(key, new ByteRange(100, 199)));
        byte[] last = read(driver().open(key, new ByteRange(999, 999)));

        assertThat(middle).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 200));
        assertThat(last).containsExactly(content[999]);
    }

    @Test
    void streamFailingMidwayLeavesNoObject() {
        StorageKey key = newKey();
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(randomBytes(70_000)), new FailingInputStream());

        assertThatThrownBy(() -> driver().put(key, failing, "application/octet-stream"))
                .isInstanceOf(RuntimeException.class);

        assertThat(driver().stat(key)).isEmpty();
    }

    @Test
    void bodyNotMatchingDeclaredChecksumLeavesNoObject() {
        StorageKey key = newKey();
        byte[] content = randomBytes(5000);
        Checksum otherChecksum = Checksum.ofMd5(new byte[16]);
        InputStream verified = ChecksumInputStream.expecting(new ByteArrayInputStream(content), content.length, otherChecksum);

        assertThatThrownBy(() -> driver().put(key, verified, "application/octet-stream"))
                .isInstanceOf(IntegrityException.class);

        assertThat(driver().stat(key)).isEmpty();
    }

    @Test
    void existingKeyIsNeverOverwritten() throws IOException {
        StorageKey key = newKey();
        byte[] first = randomBytes(300);
        driver().put(key, new ByteArrayInputStream(first), "application/octet-stream");

        assertThatThrownBy(() -> driver().put(key, new ByteArrayInputStream(randomBytes(200)), "application/octet-stream"))
                .isInstanceOf(StorageException.class);

        assertThat(readAll(key)).isEqualTo(first);
    }

    @Test
    void downloadUrlExpiresAfterRequestedDuration() {
        StorageKey key = newKey();
        Instant before = Instant.now();

        SignedUrl url = driver().signDownload(key, Duration.ofMinutes(5),
                new ContentDisposition(ContentDisposition.Type.ATTACHMENT, "report.pdf"), "application/pdf");

        assertThat(url.expiresAt()).isBetween(before.plus(Duration.ofMinutes(5)).minusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertThat(url.uri().toString()).isNotBlank();
        assertThat(url.headers()).isEmpty();
    }

    @Test
    void uploadUrlListsHeadersClientMustSend() {
        StorageKey key = newKey();
        Checksum checksum = Checksum.ofMd5(new byte[16]);

        SignedUrl url = driver().signUpload(key, Duration.ofMinutes(5), new UploadConstraints("image/png", 1234, checksum));

        assertThat(url.headers()).containsEntry("Content-Type", "image/png");
        assertThat(url.headers()).containsEntry("Content-MD5", checksum.base64());
        assertThat(url.expiresAt()).isAfter(Instant.now());
    }

    @Test
    void signedUrlToStringHidesTheUrl() {
        SignedUrl url = driver().signDownload(newKey(), Duration.ofMinutes(1),
                new ContentDisposition(ContentDisposition.Type.INLINE, null), "text/plain");

        assertThat(url.toString()).doesNotContain(url.uri().toString());
    }

    /**
     * Returns a fresh key under {@code contract/} that is deleted after the test.
     */
    protected StorageKey newKey() {
        StorageKey key = new StorageKey("contract/" + UUID.randomUUID());
        written.add(key);
        return key;
    }

    protected static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private byte[] readAll(StorageKey key) throws IOException {
        return read(driver().open(key));
    }

    private static byte[] read(Optional<InputStream> stream) throws IOException {
        assertThat(stream).as("object is present").isPresent();
        try (InputStream in = stream.get()) {
            return in.readAllBytes();
        }
    }

    /** A stream whose every read fails, as when a client disconnects during an upload. */
    protected static final class FailingInputStream extends InputStream {
        public FailingInputStream() {
        }

        @Override
        public int read() {
            throw new UncheckedIOException(new IOException("client disconnected"));
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            throw new IOException("client disconnected");
        }
    }
}
