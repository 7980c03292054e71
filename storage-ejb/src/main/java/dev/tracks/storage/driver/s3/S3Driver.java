package dev.tracks.storage.driver.s3;

import dev.tracks.storage.ByteRange;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.StoredObject;
import dev.tracks.storage.UploadConstraints;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
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

    private static final System.Logger LOG = System.getLogger(S3Driver.class.getName());

    /** SigV4 presigned URLs live at most 7 days. */
    private static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final S3Settings settings;
    private final AwsCredentialsProvider credentials;
    private final S3Client client;
    private final S3Presigner presigner;
    private final S3ObjectWriter writer;

    /**
     * Creates a driver and its SDK clients. No request is sent until the first call.
     */
    public S3Driver(S3Settings settings) {
        this.settings = settings;
        this.credentials = credentialsFor(settings);
        this.client = buildClient(settings, credentials);
        this.presigner = buildPresigner(settings, credentials);
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
            long size = client.headObject(request -> request.bucket(settings.bucket()).key(key.value())).contentLength();
            return Optional.of(new StoredObject(key, size));
        } catch (SdkException e) {
            if (S3Failures.isMissingKey(e)) {
                return Optional.empty();
            }
            throw S3Failures.translate("read the size of", key, settings.bucket(), e);
        }
    }

    /**
     * Presigns a {@code GET} whose response carries {@code disposition} and {@code contentType};
     * both are query parameters covered by the signature.
     */
    @Override
    public SignedUrl signDownload(StorageKey key, Duration expiry, ContentDisposition disposition, String contentType) {
        checkExpiry(expiry);
        GetObjectRequest object = GetObjectRequest.builder().bucket(settings.bucket()).key(key.value())
                .responseContentDisposition(disposition.headerValue())
                .responseContentType(contentType)
                .build();

        PresignedGetObjectRequest presigned = presign("sign a download URL for", key,
                () -> presigner.presignGetObject(request -> request.signatureDuration(expiry).getObjectRequest(object)));

        LOG.log(System.Logger.Level.DEBUG, "Signed S3 download URL for key {0}, valid until {1}", key, presigned.expiration());
        return new SignedUrl(uriOf(presigned, key), presigned.expiration(), Map.of());
    }

    /**
     * Presigns a {@code PUT} that signs {@code Content-Type}, {@code Content-MD5} and
     * {@code Content-Length}, so S3 itself rejects a body of another type, length or checksum.
     * The returned headers are the signed ones an HTTP client does not set on its own.
     */
    @Override
    public SignedUrl signUpload(StorageKey key, Duration expiry, UploadConstraints constraints) {
        checkExpiry(expiry);
        PutObjectRequest object = PutObjectRequest.builder().bucket(settings.bucket()).key(key.value())
                .contentType(constraints.contentType())
                .contentLength(constraints.byteSize())
                .contentMD5(constraints.checksum().base64())
                .build();

        PresignedPutObjectRequest presigned = presign("sign an upload URL for", key,
                () -> presigner.presignPutObject(request -> request.signatureDuration(expiry).putObjectRequest(object)));

        LOG.log(System.Logger.Level.DEBUG, "Signed S3 upload URL for key {0}, valid until {1}", key, presigned.expiration());
        return new SignedUrl(uriOf(presigned, key), presigned.expiration(), headersToSend(presigned));
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "S3Driver[" + settings + "]";
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

    private static S3Presigner buildPresigner(S3Settings settings, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static void checkExpiry(Duration expiry) {
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("Expiry " + expiry + " is invalid for an S3 presigned URL: use more than"
                    + " zero and at most " + MAX_EXPIRY.toDays() + " days");
        }
    }

    private <T extends PresignedRequest> T presign(String operation, StorageKey key, Supplier<T> signing) {
        try {
            return signing.get();
        } catch (SdkException e) {
            throw S3Failures.translate(operation, key, settings.bucket(), e);
        }
    }

    private URI uriOf(PresignedRequest presigned, StorageKey key) {
        try {
            return presigned.url().toURI();
        } catch (URISyntaxException e) {
            throw new StorageException("Cannot sign a URL for key '" + key + "' in S3 bucket '" + settings.bucket()
                    + "': the SDK returned a URL that is not a valid URI", e);
        }
    }

    // Every HTTP client sets Host, and Content-Length from the body. The other signed headers must
    // be sent exactly as signed.
    private static Map<String, String> headersToSend(PresignedPutObjectRequest presigned) {
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(canonicalName(name), String.join(",", values));
            }
        });
        return headers;
    }

    private static String canonicalName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "content-type" -> "Content-Type";
            case "content-md5" -> "Content-MD5";
            default -> name;
        };
    }
}
