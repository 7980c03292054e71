package dev.tracks.storage.driver.gcs;

import com.google.auth.Credentials;
import com.google.auth.ServiceAccountSigner;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.tracks.storage.ByteRange;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.StoredObject;
import dev.tracks.storage.UploadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Keeps objects in one Google Cloud Storage bucket, each under its key as the object name.
 *
 * <p>Uploads stream through a resumable session in chunks of 8 MiB, and GCS publishes the object
 * only when the session is finalized, under a create-only precondition, so readers never see a
 * partial object and a key is never overwritten. Signed URLs are V4 URLs of GCS itself, which
 * clients use without passing through the application. Google's exceptions are translated into
 * ours, and {@code com.google.cloud.storage.StorageException} is always written in full because
 * it shares its simple name with ours.
 */
public final class GcsDriver implements Driver {

    private final Storage storage;
    private final GcsSettings settings;
    private final GcsErrors errors;
    private final GcsUploader uploader;
    private final GcsUrlSigner signer;

    /**
     * Creates a driver that signs URLs with the credentials of {@code storage}, if they can sign.
     *
     * @param storage the client; the driver closes it in {@link #close()}
     */
    public GcsDriver(Storage storage, GcsSettings settings) {
        this(storage, settings, null);
    }

    /**
     * Creates a driver that signs URLs with {@code signer}. A {@code ServiceAccountCredentials}
     * built from a key signs without any network access.
     *
     * @param storage the client; the driver closes it in {@link #close()}
     * @param signer signs the URLs; {@code null} to use the credentials of {@code storage}
     */
    public GcsDriver(Storage storage, GcsSettings settings, ServiceAccountSigner signer) {
        this.storage = storage;
        this.settings = settings;
        this.errors = new GcsErrors(settings.bucket());
        this.uploader = new GcsUploader(storage, settings.bucket(), errors);
        this.signer = new GcsUrlSigner(storage, settings, signer);
    }

    /**
     * Builds the driver from the {@code storage.gcs.*} keys described in {@link GcsSettings},
     * loading the credentials at once so a wrong setting fails at startup.
     *
     * @throws dev.tracks.storage.DriverConfigurationException naming the key of a missing or
     *     invalid value
     */
    public static GcsDriver fromConfig(Config config) {
        GcsSettings settings = GcsSettings.fromConfig(config);
        Credentials credentials = GcsCredentials.load(settings);

        HttpStorageOptions.Builder options = StorageOptions.http().setCredentials(credentials);
        settings.projectId().ifPresent(options::setProjectId);
        settings.host().ifPresent(host -> options.setHost(host.toString()));

        ServiceAccountSigner signer = credentials instanceof ServiceAccountSigner accountSigner ? accountSigner : null;
        return new GcsDriver(options.build().getService(), settings, signer);
    }

    @Override
    public String name() {
        return "gcs";
    }

    @Override
    public void put(StorageKey key, InputStream content, String contentType) {
        uploader.upload(key, content, contentType);
    }

    @Override
    public Optional<InputStream> open(StorageKey key, ByteRange range) {
        ReadChannel reader = storage.reader(blobIdFor(key));
        try {
            if (range != null) {
                reader.seek(range.first());
                reader.limit(range.last() + 1);
            }

            // The SDK sends the request on the first read, so a missing object shows only there.
            PushbackInputStream in = new PushbackInputStream(Channels.newInputStream(reader), 1);
            int first = in.read();
            if (first != -1) {
                in.unread(first);
            }
            return Optional.of(in);
        } catch (IOException e) {
            reader.close();
            if (GcsErrors.codeOf(e) == GcsErrors.NOT_FOUND) {
                return Optional.empty();
            }
            throw errors.translate("open", key, e);
        }
    }

    @Override
    public void delete(StorageKey key) {
        try {
            storage.delete(blobIdFor(key));
        } catch (com.google.cloud.storage.StorageException e) {
            throw errors.translate("delete", key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(StorageKey key) {
        try {
            Blob blob = storage.get(blobIdFor(key));
            return Optional.ofNullable(blob).map(found -> new StoredObject(key, found.getSize(), md5Of(found)));
        } catch (com.google.cloud.storage.StorageException e) {
            throw errors.translate("read the size of", key, e);
        }
    }

    /**
     * Signs a V4 {@code GET} URL of GCS. The response's {@code Content-Disposition} and
     * {@code Content-Type} travel as signed {@code response-content-*} query parameters.
     *
     * @throws IllegalArgumentException if {@code expiry} is under 1 second or over 7 days, the
     *     limits of V4 signing
     */
    @Override
    public SignedUrl signDownload(StorageKey key, Duration expiry, ContentDisposition disposition, String contentType) {
        return signer.signDownload(key, expiry, disposition, contentType);
    }

    /**
     * Signs a V4 {@code PUT} URL of GCS with {@code Content-Type} and {@code Content-MD5} as
     * signed headers. GCS rejects a body whose MD5 differs, which also rules out another size.
     *
     * @throws IllegalArgumentException if {@code expiry} is under 1 second or over 7 days, the
     *     limits of V4 signing
     */
    @Override
    public SignedUrl signUpload(StorageKey key, Duration expiry, UploadConstraints constraints) {
        return signer.signUpload(key, expiry, constraints);
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StorageException("Cannot close the GCS client of bucket '" + settings.bucket() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "GcsDriver[bucket=" + settings.bucket() + "]";
    }

    private BlobId blobIdFor(StorageKey key) {
        return BlobId.of(settings.bucket(), key.value());
    }

    // GCS keeps an MD5 for every object except composed ones, which carry only a CRC32C.
    private static Checksum md5Of(Blob blob) {
        return blob.getMd5() == null ? null : new Checksum(blob.getMd5());
    }
}
