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
 * Purges the blobs of a removed owner after the removal commits: each row in a transaction of its
 * own, then its object.
 */
@ApplicationScoped
public class OwnerRemovalCleanup {

    @Inject
    BlobRepository repository;

    @Inject
    Driver driver;

    // NOTE: a crash between the owner's commit and this clean-up leaves the blob rows and objects
    // behind. They are marked attached, so the sweeper does not remove them either.
    void purgeAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OwnerRemoved removed) {
        for (long id : removed.blobIds()) {
            repository.find(removed.tenant(), id).ifPresent(this::purge);
        }
    }

    private void purge(Blob blob) {
        long started = System.nanoTime();
        try {
            repository.deleteNow(blob.tenant(), blob.id());
            driver.delete(blob.key());
        } catch (StorageException | PersistenceException e) {
            StorageEvents.cleanupFailed("blob of removed owner", blob.key(), driver.name(), e);
            return;
        }

        StorageEvents.purged(blob.key(), driver.name(), blob.byteSize(), (System.nanoTime() - started) / 1_000_000);
    }
}
