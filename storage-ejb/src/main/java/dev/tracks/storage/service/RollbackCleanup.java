package dev.tracks.storage.service;

import dev.tracks.storage.Driver;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.jpa.BlobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

/**
 * Purges a blob whose attaching transaction rolled back: the owner never came to hold it, so
 * nothing would ever serve or delete it.
 */
@ApplicationScoped
public class RollbackCleanup {

    @Inject
    BlobRepository repository;

    @Inject
    Driver driver;

    void purgeAfterRollback(@Observes(during = TransactionPhase.AFTER_FAILURE) AttachmentMade made) {
        try {
            // Another transaction may have attached the blob since this one rolled back.
            if (!repository.deleteUnattached(made.blob().tenant(), made.blob().id())) {
                return;
            }
            driver.delete(made.blob().key());
        } catch (StorageException | PersistenceException e) {
            // The transaction is over and the caller has its own error. A row left behind is swept
            // later; an object whose row is gone stays.
            StorageEvents.cleanupFailed("blob of rolled-back attachment", made.blob().key(), driver.name(), e);
            return;
        }

        StorageEvents.purged(made.blob().key(), driver.name(), made.blob().byteSize(), 0);
    }
}
