package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.ByteRange;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.config.StorageConfig;
import dev.tracks.storage.jpa.BlobRepository;
import dev.tracks.storage.tenant.TenantContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Stores, finds, serves and purges the current tenant's blobs. It is the API application code
 * calls; everything it does is scoped to the tenant bound in {@link TenantContext}.
 *
 * <p>An upload writes its row as {@code pending} first, streams the bytes to the driver while
 * hashing them, and only then marks the row {@code active}, so an active row always has an object
 * of exactly its size and checksum. A failure at any step removes the pending row and leaves no
 * object. An upload interrupted by a crash leaves a pending row, which the sweeper removes.
 */
@ApplicationScoped
public class StorageService {

    @Inject
    Driver driver;

    @Inject
    BlobRepository repository;

    @Inject
    TenantContext tenants;

    @Inject
    StorageConfig config;

    @Inject
    Event<ObjectReleased> released;

    @Inject
    ServerUploads uploads;

    @Inject
    Event<BlobStored> stored;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Stores {@code content} as a new active blob of the current tenant, reading the stream once.
     *
     * <p>The content type is detected from the first bytes and the filename; the declared type is
     * kept only when detection finds nothing more specific than {@code application/octet-stream}.
     * An empty stream is a valid 0-byte blob. The row is committed on its own. Called inside a
     * transaction, the blob is purged if that transaction rolls back before an owner has it.
     * Calling it before the transaction opens keeps a slow upload out of the transaction.
     *
     * @param content the bytes; not closed here
     * @param filename the client's filename, kept for downloads only
     * @param declaredContentType the client's claim, may be null
     * @throws dev.tracks.storage.InvalidInputException if the filename is blank or too long, or the
     *     type is not in {@code storage.upload.content-types}
     * @throws StorageException if the store fails; nothing is kept
     */
    public Blob attach(InputStream content, String filename, String declaredContentType) {
        return attach(content, filename, declaredContentType, AttachmentRules.defaults(config));
    }

    /**
     * Stores {@code content} like {@link #attach(InputStream, String, String)}, refusing what
     * {@code rules} do not allow before anything is kept: a disallowed detected type before the
     * first byte is stored, a file over the size limit as soon as it crosses it.
     *
     * @throws dev.tracks.storage.InvalidInputException if the filename or the detected type is refused
     * @throws dev.tracks.storage.UploadTooLargeException if the file exceeds {@code rules.maxSize()}
     */
    public Blob attach(InputStream content, String filename, String declaredContentType, AttachmentRules rules) {
        Blob blob = uploads.store(tenants.current(), content, Filename.of(filename), declaredContentType, rules);

        // Inside a transaction, a rollback before an owner has the blob purges it.
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            stored.fire(new BlobStored(blob));
        }
        return blob;
    }

    /**
     * Returns the current tenant's blob with this id, pending or active, or empty when the tenant
     * has none: another tenant's blob is indistinguishable from a missing one.
     */
    public Optional<Blob> find(long id) {
        return repository.find(tenants.current(), id);
    }

    /**
     * Signs a download URL valid for {@code storage.url.expiry}.
     *
     * @see #url(Blob, Duration, ContentDisposition.Type)
     */
    public SignedUrl url(Blob blob, ContentDisposition.Type disposition) {
        return url(blob, config.urlExpiry(), disposition);
    }

    /**
     * Signs a download URL for an active blob of the current tenant.
     *
     * <p>Only types a browser renders without running code are served inline; others are served as
     * attachments, and types that can carry script are served as
     * {@code application/octet-stream}. The URL may be relative to the application's root (disk
     * driver): resolve it with {@link SignedUrl#resolveAgainst}.
     *
     * @throws BlobNotFoundException if the blob is pending or belongs to another tenant
     */
    public SignedUrl url(Blob blob, Duration expiry, ContentDisposition.Type disposition) {
        Blob owned = requireActiveOwned(blob);

        SignedUrl url = driver.signDownload(owned.key(), expiry, dispositionFor(owned, disposition), servedType(owned));

        StorageEvents.signed("download", owned.key(), driver.name(), url.expiresAt());
        return url;
    }

    /**
     * Returns the {@code Content-Type} the blob is served with: its own, or
     * {@code application/octet-stream} for types that can carry script.
     */
    public String servedType(Blob blob) {
        return ServingPolicy.servedType(blob);
    }

    /**
     * Returns the {@code Content-Disposition} the blob is served with: {@code requested}, except
     * that only types a browser renders without running code are served inline.
     */
    public ContentDisposition dispositionFor(Blob blob, ContentDisposition.Type requested) {
        return ServingPolicy.dispositionFor(blob, requested);
    }

    /**
     * Opens an active blob of the current tenant for reading; the caller closes the stream.
     *
     * @param range the bytes to read, or null for all
     * @throws BlobNotFoundException if the blob is pending, belongs to another tenant, or its
     *     object is missing from the store
     */
    public InputStream open(Blob blob, ByteRange range) {
        Blob owned = requireActiveOwned(blob);

        return driver.open(owned.key(), range).orElseThrow(() -> new BlobNotFoundException(
                "Blob " + owned.id() + " has no object under key '" + owned.key() + "' in the " + driver.name() + " store"));
    }

    /**
     * Deletes the blob's row now and its object once the surrounding transaction commits, so a
     * rollback keeps both. Purging a blob that is already gone does nothing.
     *
     * @throws BlobNotFoundException if the blob belongs to another tenant
     */
    public void purge(Blob blob) {
        TenantId tenant = requireOwned(blob).tenant();

        boolean deleted = repository.delete(tenant, blob.id());

        if (deleted) {
            released.fire(new ObjectReleased(blob.key(), blob.byteSize()));
        }
    }

    /**
     * Returns whether a record has the blob through an {@code @Attachment} field.
     *
     * @throws BlobNotFoundException if the blob belongs to another tenant
     */
    public boolean isAttached(Blob blob) {
        return repository.isAttached(requireOwned(blob).tenant(), blob.id());
    }

    /**
     * Deletes the blob's row and object now, each in its own step, whatever becomes of the
     * surrounding transaction: for refusing a blob whose refusal rolls that transaction back.
     *
     * @throws BlobNotFoundException if the blob belongs to another tenant
     */
    public void purgeNow(Blob blob) {
        TenantId tenant = requireOwned(blob).tenant();
        long started = System.nanoTime();

        repository.deleteNow(tenant, blob.id());
        driver.delete(blob.key());

        StorageEvents.purged(blob.key(), driver.name(), blob.byteSize(), (System.nanoTime() - started) / 1_000_000);
    }

    private Blob requireActiveOwned(Blob blob) {
        Blob owned = requireOwned(blob);
        if (!owned.isActive()) {
            throw new BlobNotFoundException("Blob " + blob.id() + " is still pending: finish its upload before serving it");
        }
        return owned;
    }

    private Blob requireOwned(Blob blob) {
        if (!blob.tenant().equals(tenants.current())) {
            throw new BlobNotFoundException("Blob " + blob.id() + " not found");
        }
        return blob;
    }
}
