package dev.tracks.storage.driver.gcs;

import com.google.auth.ServiceAccountSigner;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.SignUrlOption;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Signs V4 URLs for one bucket, offline when the signer has its private key at hand.
 *
 * <p>Everything a URL binds goes into the signature: the query parameters of a download, and the
 * {@code Content-Type} and {@code Content-MD5} of an upload as signed headers, so GCS rejects a
 * request that changes any of them.
 */
final class GcsUrlSigner {

    /** Maximum lifetime that GCS accepts for a V4 signed URL. */
    static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private static final System.Logger LOG = System.getLogger(GcsDriver.class.getName());

    private final Storage storage;
    private final GcsSettings settings;
    private final ServiceAccountSigner signer;

    /**
     * Creates a signer for the bucket of {@code settings}.
     *
     * @param signer signs the URLs; {@code null} to sign with the credentials of {@code storage},
     *     where they can sign
     */
    GcsUrlSigner(Storage storage, GcsSettings settings, ServiceAccountSigner signer) {
        this.storage = storage;
        this.settings = settings;
        this.signer = signer != null ? signer : signerOf(storage);
    }

    SignedUrl signDownload(StorageKey key, Duration expiry, ContentDisposition disposition, String contentType) {
        Map<String, String> responseHeaders = Map.of(
                "response-content-disposition", disposition.headerValue(),
                "response-content-type", contentType);

        SignedUrl url = sign(key, expiry, "download", SignUrlOption.httpMethod(HttpMethod.GET),
                SignUrlOption.withQueryParams(responseHeaders));

        return new SignedUrl(url.uri(), url.expiresAt(), Map.of());
    }

    // The MD5 also binds the byte size: a body of another length cannot have the declared MD5
    // short of a deliberate collision.
    SignedUrl signUpload(StorageKey key, Duration expiry, UploadConstraints constraints) {
        Map<String, String> requiredHeaders = Map.of(
                "Content-Type", constraints.contentType(),
                "Content-MD5", constraints.checksum().base64());

        SignedUrl url = sign(key, expiry, "upload", SignUrlOption.httpMethod(HttpMethod.PUT),
                SignUrlOption.withExtHeaders(requiredHeaders));

        return new SignedUrl(url.uri(), url.expiresAt(), requiredHeaders);
    }

    private SignedUrl sign(StorageKey key, Duration expiry, String purpose, SignUrlOption... purposeOptions) {
        checkExpiry(key, expiry);
        if (signer == null) {
            throw new StorageException(cannotSign(purpose, key) + "the credentials cannot sign. Set " + GcsSettings.PREFIX
                    + "credentials to a service-account key file, or run as a service account on Google Cloud");
        }
        Instant signedAt = Instant.ofEpochMilli(storage.getOptions().getClock().millisTime()).truncatedTo(ChronoUnit.SECONDS);
        BlobInfo blob = BlobInfo.newBuilder(BlobId.of(settings.bucket(), key.value())).build();

        URL url;
        try {
            url = storage.signUrl(blob, expiry.toSeconds(), TimeUnit.SECONDS, options(purposeOptions));
        } catch (ServiceAccountSigner.SigningException e) {
            throw new StorageException(cannotSign(purpose, key) + e.getMessage() + ". A service account that signs through the"
                    + " IAM API needs permission iam.serviceAccounts.signBlob on itself", e);
        }

        Instant expiresAt = signedAt.plus(expiry);
        LOG.log(Level.DEBUG, "Signed GCS {0} URL for key {1}, valid until {2}", purpose, key, expiresAt);
        return new SignedUrl(withHostScheme(url), expiresAt, Map.of());
    }

    private SignUrlOption[] options(SignUrlOption... purposeOptions) {
        List<SignUrlOption> options = new ArrayList<>(List.of(purposeOptions));
        options.add(SignUrlOption.withV4Signature());
        options.add(SignUrlOption.signWith(signer));
        settings.host().ifPresent(host -> options.add(SignUrlOption.withHostName(host.getRawAuthority())));
        return options.toArray(SignUrlOption[]::new);
    }

    private String cannotSign(String purpose, StorageKey key) {
        return "Cannot sign " + purpose + " URL for key '" + key + "' in GCS bucket '" + settings.bucket() + "': ";
    }

    private static ServiceAccountSigner signerOf(Storage storage) {
        return storage.getOptions().getCredentials() instanceof ServiceAccountSigner credentials ? credentials : null;
    }

    private static void checkExpiry(StorageKey key, Duration expiry) {
        if (expiry.toSeconds() < 1 || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("Expiry " + expiry + " for key '" + key + "' is invalid: a GCS V4 signed URL"
                    + " lives from 1 second to " + MAX_EXPIRY.toDays() + " days (PT168H)");
        }
    }

    // The SDK always writes https. The scheme is not part of the V4 signature, so the scheme of an
    // http emulator host can replace it without invalidating the URL.
    private URI withHostScheme(URL url) {
        try {
            URI signed = url.toURI();
            if (settings.host().isEmpty()) {
                return signed;
            }
            return new URI(settings.host().get().getScheme() + signed.toString().substring(signed.getScheme().length()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The GCS SDK signed a URL that is not a valid URI", e);
        }
    }
}
