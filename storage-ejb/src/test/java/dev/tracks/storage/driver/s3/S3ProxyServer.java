package dev.tracks.storage.driver.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server inside the test JVM: s3proxy on 127.0.0.1, checking SigV4 signatures with a fixed
 * test access key.
 *
 * <p>Register it as a JUnit 5 extension ({@code @RegisterExtension static final S3ProxyServer S3 =
 * S3ProxyServer.inMemory();}) to run it for one test class, or call {@link #start()} and
 * {@link #close()} yourself, as a benchmark or a server's integration test does.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** The access key ID that the server accepts. */
    public static final String ACCESS_KEY_ID = "tracks-test-key";

    /** The secret access key that the server accepts. */
    public static final String SECRET_ACCESS_KEY = "tracks-test-secret-0123456789";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final BlobStore store;
    private final int port;
    private S3Proxy proxy;

    /**
     * Creates a server on {@code port} (0 picks a free one) that keeps objects in {@code store}.
     */
    public S3ProxyServer(BlobStore store, int port) {
        this.store = store;
        this.port = port;
    }

    /**
     * Creates a server on a free port that keeps objects in memory, which suits tests that store
     * a few MiB.
     */
    public static S3ProxyServer inMemory() {
        return new S3ProxyServer(new TransientNio2BlobStore(), 0);
    }

    /**
     * Creates a server on a free port that keeps objects as files under {@code root}, for large
     * objects that would not fit the heap.
     */
    public static S3ProxyServer onDisk(Path root) {
        return new S3ProxyServer(new FilesystemNio2BlobStore(root.toString()), 0);
    }

    /**
     * Starts the server and waits until it accepts requests.
     */
    public void start() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .build();
        proxy.start();

        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("s3proxy did not start within " + START_TIMEOUT + ": state " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /**
     * Returns the server's base URL, such as {@code http://127.0.0.1:41234}.
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /**
     * Returns driver settings for {@code bucket} on this server: path-style, the test access key
     * and the smallest part size S3 allows, so multipart uploads start at 5 MiB.
     */
    public S3Settings settings(String bucket) {
        return new S3Settings(bucket, "us-east-1", Optional.of(endpoint()), true,
                Optional.of(new S3AccessKey(ACCESS_KEY_ID, SECRET_ACCESS_KEY)), S3Settings.MIN_PART_SIZE);
    }

    /**
     * Creates a client for checks the driver does not offer, such as listing multipart uploads.
     * The caller closes it.
     */
    public S3Client client() {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /**
     * Creates a bucket.
     */
    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            client.createBucket(request -> request.bucket(bucket));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping s3proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop s3proxy: " + e.getMessage(), e);
        } finally {
            proxy = null;
        }
    }
}
