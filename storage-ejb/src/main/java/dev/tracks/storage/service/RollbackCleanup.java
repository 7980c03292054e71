package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.Driver;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.jpa.BlobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

/**
 * Purges a blob whose attaching or uploading transaction rolled back: no owner came to hold it,
 * so nothing would ever serve or delete it.
 */
@ApplicationScoped
public class RollbackCleanup {

    @Inject
    BlobRepository repository;

    @Inject
    Driver driver;

    void purgeAfterRollback(@Observes(during = TransactionPhase.AFTER_FAILURE) AttachmentMade made) {
        purgeUnattached(made.blob(), "blob of rolled-back attachment");
    }

    void purgeAfterRollback(@Observes(during = TransactionPhase.AFTER_FAILURE) BlobStored stored) {
        purgeUnattached(stored.blob(), "blob of rolled-back upload");
    }

    private void purgeUnattached(Blob blob, String description) {
        try {
            // Another transaction may have attached the blob since this one rolled back.
            if (!repository.deleteUnattached(blob.tenant(), blob.id())) {
                return;
            }
            driver.delete(blob.key());
        } catch (StorageException | PersistenceException e) {
            // The transaction is over and the caller has its own error. A row left behind is swept
            // later; an object whose row is gone stays.
            StorageEvents.cleanupFailed(description, blob.key(), driver.name(), e);
            return;
        }

        StorageEvents.purged(blob.key(), driver.name(), blob.byteSize(), 0);
    }
}
