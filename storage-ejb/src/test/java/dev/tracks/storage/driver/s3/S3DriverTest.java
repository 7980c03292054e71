package dev.tracks.storage.driver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.Checksum;
import dev.tracks.storage.Driver;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.driver.DriverContract;
import dev.tracks.storage.io.ChecksumInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs the driver contract against s3proxy in this JVM, plus what only S3 has: multipart uploads,
 * their clean-up, and the translation of the store's errors.
 */
class S3DriverTest extends DriverContract {

    private static final String BUCKET = "driver-test";
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final S3ProxyServer S3 = S3ProxyServer.inMemory();

    private static S3Driver driver;
    private static S3Client client;

    @BeforeAll
    static void createDriver() {
        S3.createBucket(BUCKET);
        driver = new S3Driver(S3.settings(BUCKET));
        client = S3.client();
    }

    @AfterAll
    static void closeDriver() {
        driver.close();
        client.close();
    }

    @Override
    protected Driver driver() {
        return driver;
    }

    @Test
    void shortStreamIsOnePutWithContentType() throws IOException {
        StorageKey key = newKey();
        byte[] content = randomBytes(20_000);

        driver.put(key, new ByteArrayInputStream(content), "image/png");

        HeadObjectResponse head = head(key);
        assertThat(head.contentType()).isEqualTo("image/png");
        assertThat(head.eTag()).isEqualTo("\"" + md5(content).hex() + "\"");
    }

    @Test
    void longStreamIsMultipartWithContentType() throws IOException {
        StorageKey key = newKey();
        byte[] content = randomBytes(12 * MIB);

        driver.put(key, new ByteArrayInputStream(content), "video/mp4");

        HeadObjectResponse head = head(key);
        assertThat(head.contentType()).isEqualTo("video/mp4");
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.eTag()).as("ETag of a 3-part upload").endsWith("-3\"");
        assertThat(readAll(key)).isEqualTo(content);
    }

    @Test
    void statReportsMd5OfSinglePutObject() {
        StorageKey key = newKey();
        byte[] content = randomBytes(20_000);

        driver.put(key, new ByteArrayInputStream(content), "image/png");

        assertThat(driver.stat(key)).hasValueSatisfying(object -> assertThat(object.reportedChecksum()).contains(md5(content)));
    }

    @Test
    void statReportsNoChecksumForMultipartObject() {
        StorageKey key = newKey();

        driver.put(key, new ByteArrayInputStream(randomBytes(12 * MIB)), "video/mp4");

        assertThat(driver.stat(key)).hasValueSatisfying(object -> assertThat(object.reportedChecksum()).isEmpty());
    }

    @Test
    void streamOfExactlyOnePartIsStored() throws IOException {
        StorageKey key = newKey();
        byte[] content = randomBytes(S3Settings.MIN_PART_SIZE);

        driver.put(key, new ByteArrayInputStream(content), "application/octet-stream");

        assertThat(readAll(key)).isEqualTo(content);
    }

    @Test
    void failingStreamAbortsMultipartUpload() {
        StorageKey key = newKey();
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(randomBytes(10 * MIB + 17)),
                new FailingInputStream());

        assertThatThrownBy(() -> driver.put(key, failing, "application/octet-stream"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(key.value())
                .hasMessageContaining("client disconnected");

        assertThat(driver.stat(key)).isEmpty();
        assertThat(incompleteUploads()).isZero();
    }

    @Test
    void checksumMismatchAtEndAbortsMultipartUpload() {
        StorageKey key = newKey();
        byte[] content = randomBytes(12 * MIB);
        InputStream verified = ChecksumInputStream.expecting(new ByteArrayInputStream(content), content.length,
                Checksum.ofMd5(new byte[16]));

        assertThatThrownBy(() -> driver.put(key, verified, "application/octet-stream")).isInstanceOf(IntegrityException.class);

        assertThat(driver.stat(key)).isEmpty();
        assertThat(incompleteUploads()).isZero();
    }

    @Test
    void multipartUploadNeverOverwritesExistingKey() throws IOException {
        StorageKey key = newKey();
        byte[] first = randomBytes(1000);
        driver.put(key, new ByteArrayInputStream(first), "text/plain");

        assertThatThrownBy(() -> driver.put(key, new ByteArrayInputStream(randomBytes(11 * MIB)), "text/plain"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("exists");

        assertThat(readAll(key)).isEqualTo(first);
        assertThat(incompleteUploads()).isZero();
    }

    @Test
    void wrongContentMd5BecomesIntegrityException() {
        StorageKey key = newKey();
        byte[] content = randomBytes(100);

        S3Exception rejected = catchS3Exception(() -> client.putObject(request -> request.bucket(BUCKET).key(key.value())
                .contentMD5(md5(new byte[100]).base64()), RequestBody.fromBytes(content)));

        assertThat(S3Failures.translate("store", key, BUCKET, rejected))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining(key.value())
                .hasMessageContaining(BUCKET)
                .hasCause(rejected);
    }

    @Test
    void missingBucketNamesBucketAndKey() {
        StorageKey key = newKey();
        try (S3Driver elsewhere = new S3Driver(S3.settings("no-such-bucket"))) {
            assertThatThrownBy(() -> elsewhere.put(key, new ByteArrayInputStream(new byte[10]), "text/plain"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("'no-such-bucket'")
                    .hasMessageContaining(key.value())
                    .hasMessageContaining("storage.s3.bucket")
                    .hasCauseInstanceOf(S3Exception.class);
        }
    }

    @Test
    void openingInMissingBucketThrowsInsteadOfEmpty() {
        StorageKey key = newKey();
        try (S3Driver elsewhere = new S3Driver(S3.settings("no-such-bucket"))) {
            assertThatThrownBy(() -> elsewhere.open(key))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("storage.s3.bucket");
        }
    }

    private HeadObjectResponse head(StorageKey key) {
        return client.headObject(request -> request.bucket(BUCKET).key(key.value()));
    }

    private int incompleteUploads() {
        return client.listMultipartUploads(request -> request.bucket(BUCKET)).uploads().size();
    }

    private byte[] readAll(StorageKey key) throws IOException {
        try (InputStream in = driver.open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private static S3Exception catchS3Exception(Runnable request) {
        try {
            request.run();
        } catch (S3Exception e) {
            return e;
        }
        throw new AssertionError("The store accepted the request");
    }

    private static Checksum md5(byte[] content) {
        try {
            return Checksum.ofMd5(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
