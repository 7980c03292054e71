package dev.tracks.storage.service;

import dev.tracks.storage.Driver;
import dev.tracks.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Deletes released objects after the transaction that released them commits, never inside it: a
 * rollback restores the row, and the row must still find its object. Without a transaction the
 * container delivers the event at once.
 */
@ApplicationScoped
public class ObjectCleanup {

    @Inject
    Driver driver;

    void deleteAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ObjectReleased released) {
        long started = System.nanoTime();
        try {
            driver.delete(released.key());
        } catch (StorageException e) {
            // The row is gone and the transaction committed, so no caller is left to report to.
            StorageEvents.cleanupFailed("released object", released.key(), driver.name(), e);
            return;
        }

        StorageEvents.purged(released.key(), driver.name(), released.byteSize(), (System.nanoTime() - started) / 1_000_000);
    }
}
