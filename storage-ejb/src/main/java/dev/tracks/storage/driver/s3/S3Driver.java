package dev.tracks.storage.driver.s3;

import dev.tracks.storage.ByteRange;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.StoredObject;
import dev.tracks.storage.UploadConstraints;
import java.io.InputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Keeps objects in one S3 bucket, or in any store that speaks the S3 API, through the AWS SDK for
 * Java 2.x.
 *
 * <p>One {@link S3Client} and one {@link S3Presigner} serve every call and are closed by
 * {@link #close()}. Uploads stream with about one part in memory (see {@link S3Settings#partSize()})
 * and never overwrite a key. Signed URLs are S3's own presigned URLs: absolute, valid for at most
 * 7 days, and checked by the store itself.
 *
 * <p>NOTE: with temporary credentials, such as those of an instance or container role, a presigned
 * URL stops working when those credentials expire, which can be before its {@code expiresAt}.
 */
public final class S3Driver implements Driver {

    private static final Pattern HEX_MD5 = Pattern.compile("[0-9a-fA-F]{32}");

    private final S3Settings settings;
    private final AwsCredentialsProvider credentials;
    private final S3Client client;
    private final S3UrlSigner signer;
    private final S3ObjectWriter writer;

    /**
     * Creates a driver and its SDK clients. No request is sent until the first call.
     */
    public S3Driver(S3Settings settings) {
        this.settings = settings;
        this.credentials = credentialsFor(settings);
        this.client = buildClient(settings, credentials);
        this.signer = new S3UrlSigner(settings, credentials);
        this.writer = new S3ObjectWriter(client, settings.bucket(), settings.partSize());
    }

    /**
     * Creates a driver from the {@code storage.s3.*} keys described in {@link S3Settings}.
     *
     * @throws dev.tracks.storage.DriverConfigurationException naming the key and the fix, if a
     *     value is missing or invalid
     */
    public static S3Driver fromConfig(Config config) {
        return new S3Driver(S3Settings.fromConfig(config));
    }

    @Override
    public String name() {
        return "s3";
    }

    /**
     * Stores the stream with one {@code PutObject} carrying its {@code Content-MD5} when it ends
     * within the first part, and as a multipart upload otherwise. A failed multipart upload is
     * aborted, so no parts stay behind.
     */
    @Override
    public void put(StorageKey key, InputStream content, String contentType) {
        writer.write(key, content, contentType);
    }

    @Override
    public Optional<InputStream> open(StorageKey key, ByteRange range) {
        String httpRange = range == null ? null : "bytes=" + range.first() + "-" + range.last();
        try {
            return Optional.of(client.getObject(request -> request.bucket(settings.bucket()).key(key.value()).range(httpRange)));
        } catch (SdkException e) {
            if (S3Failures.isMissingKey(e)) {
                return Optional.empty();
            }
            throw S3Failures.translate("open", key, settings.bucket(), e);
        }
    }

    @Override
    public void delete(StorageKey key) {
        try {
            client.deleteObject(request -> request.bucket(settings.bucket()).key(key.value()));
        } catch (SdkException e) {
            // S3 returns 204 for a missing key, and stores that return 404 instead mean the same.
            if (!S3Failures.isMissingKey(e)) {
                throw S3Failures.translate("delete", key, settings.bucket(), e);
            }
        }
    }

    @Override
    public Optional<StoredObject> stat(StorageKey key) {
        try {
            HeadObjectResponse head = client.headObject(request -> request.bucket(settings.bucket()).key(key.value()));
            return Optional.of(new StoredObject(key, head.contentLength(), md5Of(head.eTag())));
        } catch (SdkException e) {
            if (S3Failures.isMissingKey(e)) {
                return Optional.empty();
            }
            throw S3Failures.translate("read the size of", key, settings.bucket(), e);
        }
    }

    /**
     * Presigns a {@code GET} whose response carries {@code disposition} and {@code contentType}.
     * Changing either in the URL breaks the signature.
     */
    @Override
    public SignedUrl signDownload(StorageKey key, Duration expiry, ContentDisposition disposition, String contentType) {
        return signer.signDownload(key, expiry, disposition, contentType);
    }

    /**
     * Presigns a {@code PUT} that signs {@code Content-Type}, {@code Content-MD5} and
     * {@code Content-Length}, so the store itself rejects a body of another type, length or
     * checksum. The returned headers are the signed ones that an HTTP client does not set itself.
     */
    @Override
    public SignedUrl signUpload(StorageKey key, Duration expiry, UploadConstraints constraints) {
        return signer.signUpload(key, expiry, constraints);
    }

    @Override
    public void close() {
        signer.close();
        client.close();
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "S3Driver[" + settings + "]";
    }

    // The ETag of an object written in one PUT is the hex MD5 of its bytes. A multipart ETag
    // ("…-3") is not, so such objects report no checksum and a verifier reads them instead.
    private static Checksum md5Of(String etag) {
        String hex = etag == null ? "" : etag.replace("\"", "");
        if (!HEX_MD5.matcher(hex).matches()) {
            return null;
        }
        return Checksum.ofMd5(HexFormat.of().parseHex(hex));
    }

    private static AwsCredentialsProvider credentialsFor(S3Settings settings) {
        return settings.accessKey()
                .<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    // Newer SDKs add CRC checksum headers by default, which several S3-compatible stores reject.
    // Outside AWS they are sent only where an operation requires them.
    private static S3Client buildClient(S3Settings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle());
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (!settings.usesAws()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
