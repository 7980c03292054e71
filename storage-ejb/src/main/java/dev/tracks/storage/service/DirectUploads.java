package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.Driver;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.UploadConstraints;
import dev.tracks.storage.config.StorageConfig;
import dev.tracks.storage.jpa.BlobEntity;
import dev.tracks.storage.jpa.BlobRepository;
import dev.tracks.storage.signing.SignedIds;
import dev.tracks.storage.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/**
 * Uploads that go from the client straight to the store: {@link #reserve} writes a pending blob
 * and signs an upload URL bound to the declared type, size and MD5; {@link #finalizeUpload}
 * checks what arrived and only then activates the blob.
 */
@ApplicationScoped
public class DirectUploads {

    @Inject
    Driver driver;

    @Inject
    BlobRepository repository;

    @Inject
    TenantContext tenants;

    @Inject
    SignedIds signedIds;

    @Inject
    StorageConfig config;

    @Inject
    UploadVerifier verifier;

    private final Clock clock = Clock.systemUTC();

    /**
     * Writes a pending blob of the current tenant and signs the URL to upload it to, valid for
     * {@code storage.direct-upload.expiry}.
     *
     * @throws InvalidInputException naming the first invalid field of {@code request}
     */
    public DirectUpload reserve(DirectUploadRequest request, AttachmentRules rules) {
        TenantId tenant = tenants.current();
        DirectUploadRequest.Declared declared = request.validate(rules);
        StorageKey key = StorageKey.forBlob(tenant, UUID.randomUUID());

        Blob pending = repository.insertPending(BlobEntity.pending(tenant, key, declared.filename(), declared.contentType(),
                declared.byteSize(), declared.checksum(), clock.instant()));
        SignedUrl upload = driver.signUpload(key, config.directUploadExpiry(),
                new UploadConstraints(declared.contentType(), declared.byteSize(), declared.checksum()));

        StorageEvents.signed("upload", key, driver.name(), upload.expiresAt());
        return new DirectUpload(pending, signedIds.sign(pending), upload);
    }

    /**
     * Verifies the object a client uploaded for {@code signedId} and activates its blob: the
     * object must exist with the declared size and MD5, and its first bytes must agree with the
     * declared type and {@code rules}. Finalizing an active blob again returns it unchanged.
     *
     * @throws dev.tracks.storage.InvalidSignatureException if the signed id is invalid or another tenant's
     * @throws IntegrityException if the object is missing or differs; the object is deleted
     * @throws InvalidInputException if the content is not allowed by {@code rules}; the object is deleted
     */
    public Blob finalizeUpload(String signedId, AttachmentRules rules) {
        TenantId tenant = tenants.current();
        long id = signedIds.verify(signedId, tenant);
        Blob blob = repository.find(tenant, id).orElseThrow(() -> new BlobNotFoundException("Blob of this signed id not found"));
        if (blob.isActive()) {
            rules.check(blob.contentType(), blob.byteSize());
            return blob;
        }

        verifier.verifyOrDelete(blob, rules);

        return repository.activate(tenant, id, blob.byteSize(), blob.checksum());
    }

    /**
     * Returns whether a blob, pending or active, still has {@code key}. The disk endpoint checks
     * this before and after it stores an upload: the upload URL names only the key, and stays
     * valid after its blob is deleted.
     */
    public boolean isReserved(StorageKey key) {
        return repository.hasKey(key);
    }

    /**
     * Returns the active blob behind {@code signedId}, for serving it.
     *
     * @throws dev.tracks.storage.InvalidSignatureException if the signed id is invalid or another tenant's
     * @throws BlobNotFoundException if the blob is gone or still pending
     */
    public Blob find(String signedId) {
        TenantId tenant = tenants.current();
        long id = signedIds.verify(signedId, tenant);

        return repository.find(tenant, id).filter(Blob::isActive)
                .orElseThrow(() -> new BlobNotFoundException("Blob of this signed id not found"));
    }

    /**
     * Returns the signed id of a blob of the current tenant, for clients that attach it later.
     */
    public String signedId(Blob blob) {
        return signedIds.sign(blob);
    }
}
