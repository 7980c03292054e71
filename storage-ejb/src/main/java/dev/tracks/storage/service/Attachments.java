package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.config.StorageConfig;
import dev.tracks.storage.jpa.BlobRepository;
import dev.tracks.storage.tenant.TenantContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.metamodel.EntityType;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Attaches blobs to the {@code @Attachment} fields of owners such as entities, and purges blobs
 * that an owner drops.
 *
 * <p>Call it inside the transaction that saves the owner. Attaching activates the blob, and for a
 * direct upload it first checks what arrived. A replaced or detached blob loses its row in that
 * transaction and its object after the commit. If the transaction rolls back instead, the old blob
 * stays and the newly attached one is purged.
 */
@ApplicationScoped
public class Attachments {

    @Inject
    DirectUploads directUploads;

    @Inject
    StorageService storage;

    @Inject
    BlobRepository repository;

    @Inject
    TenantContext tenants;

    @Inject
    StorageConfig config;

    @Inject
    Event<AttachmentMade> attachmentMade;

    @PersistenceContext
    EntityManager entityManager;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Clock clock = Clock.systemUTC();

    /**
     * Finalizes the direct upload behind {@code signedId} against the field's rules and attaches it.
     *
     * @param owner the object holding the field, usually a managed entity
     * @param field the name of its {@code @Attachment} field
     * @return the attached blob
     * @throws InvalidInputException if the upload is not allowed by the field's {@code @Attachment}
     * @throws dev.tracks.storage.IntegrityException if the uploaded file differs from its declaration
     * @throws dev.tracks.storage.InvalidSignatureException if the signed id is invalid or another tenant's
     */
    public Blob attach(Object owner, String field, String signedId) {
        AttachmentField target = AttachmentField.of(owner.getClass(), field);

        Blob blob = directUploads.finalizeUpload(signedId, rulesFor(target));

        return put(owner, target, blob);
    }

    /**
     * Attaches a blob stored by a server-side upload, such as the one {@code MultipartUploads}
     * returns. A blob the field does not allow is purged at once, whatever becomes of the caller's
     * transaction, unless another owner has it. Passing the field's rules to the upload itself
     * rejects such a file before it is stored.
     *
     * @throws InvalidInputException if the blob's type or size is not allowed by the field
     */
    public Blob attach(Object owner, String field, Blob blob) {
        AttachmentField target = AttachmentField.of(owner.getClass(), field);
        try {
            rulesFor(target).check(blob.contentType(), blob.byteSize());
        } catch (InvalidInputException e) {
            if (!repository.isAttached(blob.tenant(), blob.id())) {
                storage.purgeNow(blob);
            }
            throw e;
        }

        return put(owner, target, blob);
    }

    /**
     * Finalizes and attaches a direct upload for code that keeps blob ids outside an entity field.
     * Attaching the same signed id again returns the blob unchanged: without an owner to compare,
     * keeping each blob with one record is the caller's part.
     */
    public Blob attach(String signedId, AttachmentRules rules) {
        Blob blob = directUploads.finalizeUpload(signedId, rules);

        return repository.isAttached(blob.tenant(), blob.id()) ? blob : markAttached(blob);
    }

    /**
     * Removes {@code blobId} from the field and purges that blob after the transaction commits. An
     * id the field does not have is left alone: it may be another record's blob, so a request's id
     * can be passed in as it is.
     */
    public void detach(Object owner, String field, long blobId) {
        AttachmentField target = AttachmentField.of(owner.getClass(), field);
        if (!target.blobIds(owner).contains(blobId)) {
            return;
        }

        target.remove(owner, blobId);
        storage.find(blobId).ifPresent(storage::purge);
    }

    /**
     * Purges every blob in the owner's {@code @Attachment} fields, within the current
     * transaction; call it just before removing the owner. Entities that register
     * {@link AttachmentListener} get the same after their removal commits.
     */
    public void purgeAll(Object owner) {
        List<Long> ids = AttachmentField.allOf(owner.getClass()).stream().flatMap(field -> field.blobIds(owner).stream()).toList();

        ids.forEach(id -> storage.find(id).ifPresent(storage::purge));
    }

    /**
     * Returns the rules of the {@code @Attachment} field {@code field} of {@code type}, narrowed by
     * the application-wide limits.
     */
    public AttachmentRules rulesFor(Class<?> type, String field) {
        return rulesFor(AttachmentField.of(type, field));
    }

    /**
     * Returns the rules of an attachment named as {@code Entity.field}, such as
     * {@code Product.imageBlobId}, where {@code Entity} is a JPA entity name of the persistence
     * unit; a direct-upload client names the attachment it uploads for this way.
     *
     * @throws InvalidInputException naming {@code attachment} if no such entity field exists
     */
    public AttachmentRules rulesFor(String reference) {
        int dot = reference.indexOf('.');
        String entityName = dot < 0 ? reference : reference.substring(0, dot);
        Class<?> type = entityManager.getMetamodel().getEntities().stream()
                .filter(entity -> entity.getName().equals(entityName))
                .findFirst()
                .<Class<?>>map(EntityType::getJavaType)
                .orElseThrow(() -> unknownAttachment(reference));

        try {
            return rulesFor(type, reference.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw unknownAttachment(reference);
        }
    }

    /**
     * Returns the application-wide rules: {@code storage.upload.content-types} and
     * {@code storage.upload.max-file-size}.
     */
    public AttachmentRules defaultRules() {
        return AttachmentRules.defaults(config);
    }

    private Blob put(Object owner, AttachmentField target, Blob blob) {
        if (target.blobIds(owner).contains(blob.id())) {
            return blob;
        }
        Blob attached = markAttached(blob);

        Optional<Long> previous = target.put(owner, blob.id());
        previous.flatMap(storage::find).ifPresent(storage::purge);

        return attached;
    }

    private Blob markAttached(Blob blob) {
        TenantId tenant = tenants.current();
        if (!blob.tenant().equals(tenant)) {
            throw new BlobNotFoundException("Blob " + blob.id() + " not found");
        }
        // Without a transaction the rollback clean-up would run at once and purge the blob.
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            throw new IllegalStateException("Attaching blob " + blob.id() + " needs an active transaction: call Attachments"
                    + " from the @Transactional method that saves the owner");
        }

        Blob attached = repository.markAttached(tenant, blob.id(), clock.instant());

        attachmentMade.fire(new AttachmentMade(attached));
        return attached;
    }

    private static InvalidInputException unknownAttachment(String reference) {
        return new InvalidInputException("attachment", "attachment '" + reference + "' is unknown: name an @Attachment field as"
                + " Entity.field, such as Product.imageBlobId");
    }

    private AttachmentRules rulesFor(AttachmentField target) {
        return AttachmentRules.of(target.attachment(), defaultRules());
    }
}
