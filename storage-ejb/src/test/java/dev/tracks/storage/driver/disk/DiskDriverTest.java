package dev.tracks.storage.driver.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.Checksum;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.InvalidKeyException;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;
import dev.tracks.storage.driver.DriverContract;
import dev.tracks.storage.signing.TokenSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskDriverTest extends DriverContract {

    @TempDir
    Path folder;

    private DiskDriver driver;

    @BeforeEach
    void createDriver() {
        TokenSigner signer = new TokenSigner(List.of("test-secret-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)),
                Clock.systemUTC());
        driver = new DiskDriver(folder.resolve("root"), signer, URI.create("storage/disk/"), Clock.systemUTC());
    }

    @Override
    protected Driver driver() {
        return driver;
    }

    @Test
    void objectLivesAtRootSlashKey() throws IOException {
        StorageKey key = new StorageKey("tenants/acme/blobs/" + java.util.UUID.randomUUID());

        driver.put(key, new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), "text/plain");

        assertThat(folder.resolve("root").resolve(key.value())).hasContent("hello");
    }

    @Test
    void failedWriteLeavesNoTemporaryFile() throws IOException {
        StorageKey key = newKey();
        var failing = new java.io.SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new FailingInputStream());

        assertThatThrownBy(() -> driver.put(key, failing, "application/octet-stream")).isInstanceOf(RuntimeException.class);

        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void nothingIsWrittenOutsideTheRoot() throws IOException {
        assertThatThrownBy(() -> driver.put(new StorageKey("../escaped"), new ByteArrayInputStream(new byte[1]), "text/plain"))
                .isInstanceOf(InvalidKeyException.class);

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("root");
        }
    }

    @Test
    void downloadTokenRoundTripsItsClaims() {
        StorageKey key = newKey();

        SignedUrl url = driver.signDownload(key, Duration.ofMinutes(5),
                new ContentDisposition(ContentDisposition.Type.ATTACHMENT, "report.pdf"), "application/pdf");
        DownloadGrant grant = driver.verifyDownload(tokenOf(url));

        assertThat(url.uri().toString()).startsWith("storage/disk/");
        assertThat(grant.key()).isEqualTo(key);
        assertThat(grant.contentType()).isEqualTo("application/pdf");
        assertThat(grant.disposition()).isEqualTo("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    }

    @Test
    void uploadTokenRoundTripsItsConstraints() {
        StorageKey key = newKey();
        UploadConstraints constraints = new UploadConstraints("image/png", 1234, Checksum.ofMd5(new byte[16]));

        SignedUrl url = driver.signUpload(key, Duration.ofMinutes(5), constraints);
        UploadGrant grant = driver.verifyUpload(tokenOf(url));

        assertThat(grant.key()).isEqualTo(key);
        assertThat(grant.constraints()).isEqualTo(constraints);
    }

    @Test
    void downloadTokenCannotBeUsedToUpload() {
        SignedUrl url = driver.signDownload(newKey(), Duration.ofMinutes(5),
                new ContentDisposition(ContentDisposition.Type.INLINE, null), "text/plain");

        assertThatThrownBy(() -> driver.verifyUpload(tokenOf(url)))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("another purpose");
    }

    @Test
    void uploadTokenCannotBeUsedToDownload() {
        SignedUrl url = driver.signUpload(newKey(), Duration.ofMinutes(5),
                new UploadConstraints("text/plain", 1, Checksum.ofMd5(new byte[16])));

        assertThatThrownBy(() -> driver.verifyDownload(tokenOf(url))).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void absoluteEndpointGivesAbsoluteUrls() {
        TokenSigner signer = new TokenSigner(List.of(new byte[32]), Clock.systemUTC());
        DiskDriver behindProxy = new DiskDriver(folder.resolve("other"), signer,
                URI.create("https://files.example.com/app/storage/disk/"), Clock.systemUTC());

        SignedUrl url = behindProxy.signDownload(newKey(), Duration.ofMinutes(1),
                new ContentDisposition(ContentDisposition.Type.INLINE, null), "text/plain");

        assertThat(url.uri().toString()).startsWith("https://files.example.com/app/storage/disk/");
    }

    private static String tokenOf(SignedUrl url) {
        String path = url.uri().toString();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
