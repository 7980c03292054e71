package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.Driver;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.config.StorageConfig;
import dev.tracks.storage.jpa.BlobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;

/**
 * Removes blobs that will never be finished or used: pending ones older than
 * {@code storage.sweeper.pending-ttl}, and active ones still unattached after
 * {@code storage.sweeper.unattached-grace}, each with its object.
 *
 * <p>Sweeping is idempotent and safe when several servers sweep at once: each row is deleted with
 * a conditional delete that only one server can win, and only the winner deletes the object.
 */
@ApplicationScoped
public class Sweeper {

    /** Rows examined per batch, so one sweep never loads the whole table. */
    static final int BATCH_SIZE = 100;

    private static final Logger LOG = System.getLogger("dev.tracks.storage");

    @Inject
    BlobRepository repository;

    @Inject
    Driver driver;

    @Inject
    StorageConfig config;

    /**
     * Sweeps everything that was sweepable at {@code now}, across all tenants, and returns how
     * many blobs this call removed.
     */
    public int sweep(Instant now) {
        Instant pendingCutoff = now.minus(config.pendingTtl());
        Instant unattachedCutoff = now.minus(config.unattachedGrace());
        int removed = 0;

        long afterId = 0;
        List<Blob> batch;
        do {
            batch = repository.findSweepable(pendingCutoff, unattachedCutoff, afterId, BATCH_SIZE);
            for (Blob blob : batch) {
                removed += remove(blob, pendingCutoff, unattachedCutoff) ? 1 : 0;
                afterId = blob.id();
            }
        } while (batch.size() == BATCH_SIZE);

        LOG.log(Level.INFO, "Swept {0} blobs driver={1}", removed, driver.name());
        return removed;
    }

    private boolean remove(Blob blob, Instant pendingCutoff, Instant unattachedCutoff) {
        try {
            if (!repository.deleteIfSweepable(blob.id(), pendingCutoff, unattachedCutoff)) {
                return false;
            }
            driver.delete(blob.key());
        } catch (StorageException | PersistenceException e) {
            StorageEvents.cleanupFailed(blob.status().columnValue() + " blob during sweep", blob.key(), driver.name(), e);
            return false;
        }

        LOG.log(Level.INFO, "Swept key={0} driver={1} status={2} bytes={3} created_at={4}", blob.key(), driver.name(),
                blob.status().columnValue(), Long.toString(blob.byteSize()), blob.createdAt());
        return true;
    }
}
