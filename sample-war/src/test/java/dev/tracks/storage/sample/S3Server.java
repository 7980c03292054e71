package dev.tracks.storage.sample;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 server for the sample's browser test: s3proxy in the test JVM on a free port of
 * 127.0.0.1, checking SigV4 signatures and keeping objects as files under a folder.
 *
 * <p>Like a real bucket's CORS configuration, it lets one origin, the sample's page, send
 * {@code PUT} and {@code GET} requests, which the browser's direct upload needs.
 */
final class S3Server implements AutoCloseable {

    /** The access key ID that the server accepts. */
    static final String ACCESS_KEY_ID = "sample-browser-test";

    /** The secret access key that the server accepts. */
    static final String SECRET_ACCESS_KEY = "sample-browser-test-secret";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final BlobStore store;
    private final S3Proxy proxy;

    private S3Server(BlobStore store, S3Proxy proxy) {
        this.store = store;
        this.proxy = proxy;
    }

    /**
     * Starts a server that keeps objects under {@code root} and accepts cross-origin requests
     * from {@code allowedOrigin}, such as {@code http://127.0.0.1:9281}, and waits until it
     * accepts requests.
     */
    static S3Server start(Path root, String allowedOrigin) throws Exception {
        BlobStore store = new FilesystemNio2BlobStore(root.toString());
        CrossOriginResourceSharing cors = new CrossOriginResourceSharing(List.of(Pattern.quote(allowedOrigin)), List.of("GET", "PUT"),
                List.of("Content-Type", "Content-MD5"), List.of(), "false");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .corsRules(cors)
                .build();

        proxy.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                proxy.stop();
                throw new IllegalStateException("s3proxy did not start within " + START_TIMEOUT + ": state " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3Server(store, proxy);
    }

    /**
     * Returns the server's base URL, such as {@code http://127.0.0.1:41234}.
     */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /**
     * Creates a bucket.
     */
    void createBucket(String bucket) {
        store.createContainer(bucket);
    }

    /**
     * Returns the keys of the objects in {@code bucket}.
     */
    List<String> keys(String bucket) {
        return store.list(bucket).contents().stream().map(S3Object::key).toList();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping s3proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop s3proxy: " + e.getMessage(), e);
        }
    }
}
