package dev.tracks.storage.driver.s3;

import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Presigns S3 URLs for one bucket with SigV4, so clients download and upload without passing
 * through the application.
 *
 * <p>Signing sends no request to the store, though the SDK's default credential chain may fetch
 * credentials first. It logs the key and the expiry at DEBUG, never the URL, because a presigned
 * URL is a bearer credential.
 */
final class S3UrlSigner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(S3UrlSigner.class.getName());

    /** SigV4 presigned URLs live at most 7 days. */
    private static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final S3Presigner presigner;
    private final String bucket;

    S3UrlSigner(S3Settings settings, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.presigner = builder.build();
        this.bucket = settings.bucket();
    }

    /**
     * Presigns a {@code GET} whose response carries {@code disposition} and {@code contentType}.
     * Both are query parameters that the signature covers.
     */
    SignedUrl signDownload(StorageKey key, Duration expiry, ContentDisposition disposition, String contentType) {
        checkExpiry(expiry);
        GetObjectRequest object = GetObjectRequest.builder().bucket(bucket).key(key.value())
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
     * {@code Content-Length}, so the store rejects a body of another type, length or checksum.
     */
    SignedUrl signUpload(StorageKey key, Duration expiry, UploadConstraints constraints) {
        checkExpiry(expiry);
        PutObjectRequest object = PutObjectRequest.builder().bucket(bucket).key(key.value())
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
            throw S3Failures.translate(operation, key, bucket, e);
        }
    }

    private URI uriOf(PresignedRequest presigned, StorageKey key) {
        try {
            return presigned.url().toURI();
        } catch (URISyntaxException e) {
            throw new StorageException("Cannot sign a URL for key '" + key + "' in S3 bucket '" + bucket
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
