package dev.tracks.storage.jpa;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.BlobStatus;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code tracks_blobs} rows. Every read takes the tenant, so no query can reach
 * another tenant's rows.
 *
 * <p>It uses the application's persistence unit through {@code @PersistenceContext}; an
 * application with several units must have exactly one that lists {@link BlobEntity}.
 */
@ApplicationScoped
public class BlobRepository {

    private static final String SWEEPABLE = "(b.status = :pending AND b.createdAt < :pendingCutoff)"
            + " OR (b.status = :active AND b.attachedAt IS NULL AND b.createdAt < :unattachedCutoff)";

    @PersistenceContext
    EntityManager entityManager;

    /**
     * Inserts a pending row and commits it at once, even inside a caller's transaction, so the
     * sweeper can find an upload that is abandoned before it completes.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Blob insertPending(BlobEntity pending) {
        entityManager.persist(pending);
        entityManager.flush();
        return pending.toBlob();
    }

    /**
     * Marks a pending row active with the size and checksum measured while storing its bytes, in a
     * transaction of its own: the object exists now, and a caller's rollback must not orphan it.
     *
     * @throws BlobNotFoundException if the row is gone, for example removed by the sweeper
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Blob activate(TenantId tenant, long id, long byteSize, Checksum checksum) {
        BlobEntity entity = findEntity(tenant, id).orElseThrow(() -> new BlobNotFoundException(
                "Blob " + id + " disappeared before its upload completed: upload the file again"));

        entity.activate(byteSize, checksum);

        return entity.toBlob();
    }

    /**
     * Records that an owner now has the blob, joining the caller's transaction so a rollback
     * leaves it unattached again.
     *
     * @throws BlobNotFoundException if the tenant has no such blob
     * @throws InvalidInputException if the blob is pending, or already attached to an owner
     */
    @Transactional(TxType.REQUIRED)
    public Blob markAttached(TenantId tenant, long id, Instant now) {
        BlobEntity entity = findEntity(tenant, id).orElseThrow(() -> new BlobNotFoundException("Blob " + id + " not found"));
        // The caller's persistence context may hold the row from before a transaction of its own
        // activated it, and a stale status must not be written back.
        entityManager.refresh(entity);
        if (entity.getStatus() != BlobStatus.ACTIVE || entity.isAttached()) {
            throw notAttachable(id, entity.isAttached());
        }

        // The check above may have read the row before a concurrent attach committed. The
        // conditional update waits for that commit, so it alone decides which owner gets the blob.
        int updated = entityManager.createQuery("UPDATE BlobEntity b SET b.attachedAt = :now WHERE b.id = :id"
                        + " AND b.tenantId = :tenant AND b.attachedAt IS NULL")
                .setParameter("now", utc(now))
                .setParameter("id", id)
                .setParameter("tenant", tenant.value())
                .executeUpdate();
        if (updated != 1) {
            throw notAttachable(id, true);
        }

        entityManager.refresh(entity);
        return entity.toBlob();
    }

    private static InvalidInputException notAttachable(long id, boolean attached) {
        return new InvalidInputException("signed_id", "Blob " + id + " is " + (attached ? "already attached to a record"
                : "not uploaded yet") + ": upload the file again and attach the new blob");
    }

    /**
     * Returns whether a row, pending or active, has this key. A key names its tenant, so the
     * lookup needs none.
     */
    @Transactional(TxType.SUPPORTS)
    public boolean hasKey(StorageKey key) {
        // Criteria, not JPQL: KEY is a reserved word of JPQL.
        CriteriaBuilder criteria = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> query = criteria.createQuery(Long.class);
        Root<BlobEntity> blob = query.from(BlobEntity.class);
        query.select(blob.get("id")).where(criteria.equal(blob.get("key"), key.value()));

        return !entityManager.createQuery(query).setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Returns whether the tenant's blob with this id is attached to an owner.
     */
    @Transactional(TxType.SUPPORTS)
    public boolean isAttached(TenantId tenant, long id) {
        return findEntity(tenant, id).map(BlobEntity::isAttached).orElse(false);
    }

    /**
     * Returns up to {@code limit} blobs of any tenant, with ids above {@code afterId}, that the
     * sweeper may remove: pending ones created before {@code pendingCutoff} and unattached active
     * ones created before {@code unattachedCutoff}.
     */
    @Transactional(TxType.SUPPORTS)
    public List<Blob> findSweepable(Instant pendingCutoff, Instant unattachedCutoff, long afterId, int limit) {
        return entityManager.createQuery("SELECT b FROM BlobEntity b WHERE b.id > :afterId AND (" + SWEEPABLE + ") ORDER BY b.id",
                        BlobEntity.class)
                .setParameter("afterId", afterId)
                .setParameter("pending", BlobStatus.PENDING.columnValue())
                .setParameter("active", BlobStatus.ACTIVE.columnValue())
                .setParameter("pendingCutoff", utc(pendingCutoff))
                .setParameter("unattachedCutoff", utc(unattachedCutoff))
                .setMaxResults(limit)
                .getResultStream()
                .map(BlobEntity::toBlob)
                .toList();
    }

    /**
     * Deletes the row if it is still sweepable, in a transaction of its own. Several servers may
     * sweep at once: the conditional delete lets exactly one of them win each row.
     *
     * @return whether this call deleted the row
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean deleteIfSweepable(long id, Instant pendingCutoff, Instant unattachedCutoff) {
        return entityManager.createQuery("DELETE FROM BlobEntity b WHERE b.id = :id AND (" + SWEEPABLE + ")")
                .setParameter("id", id)
                .setParameter("pending", BlobStatus.PENDING.columnValue())
                .setParameter("active", BlobStatus.ACTIVE.columnValue())
                .setParameter("pendingCutoff", utc(pendingCutoff))
                .setParameter("unattachedCutoff", utc(unattachedCutoff))
                .executeUpdate() == 1;
    }

    /**
     * Deletes the tenant's row in a transaction of its own, for clean-ups that run after the
     * caller's transaction has ended.
     *
     * @return whether a row was deleted
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean deleteNow(TenantId tenant, long id) {
        return delete(tenant, id);
    }

    /**
     * Returns the tenant's blob with this id, pending or active, or empty when there is none.
     */
    @Transactional(TxType.SUPPORTS)
    public Optional<Blob> find(TenantId tenant, long id) {
        return findEntity(tenant, id).map(BlobEntity::toBlob);
    }

    /**
     * Deletes the tenant's row with this id, joining the caller's transaction if there is one.
     *
     * @return whether a row was deleted
     */
    @Transactional(TxType.REQUIRED)
    public boolean delete(TenantId tenant, long id) {
        Optional<BlobEntity> entity = findEntity(tenant, id);
        entity.ifPresent(entityManager::remove);
        return entity.isPresent();
    }

    /**
     * Deletes the tenant's row if no owner has it, in a transaction of its own: for the clean-up
     * after an attaching transaction rolled back, which must spare a blob that another transaction
     * attached since.
     *
     * @return whether a row was deleted
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean deleteUnattached(TenantId tenant, long id) {
        return entityManager.createQuery("DELETE FROM BlobEntity b WHERE b.id = :id AND b.tenantId = :tenant"
                        + " AND b.attachedAt IS NULL")
                .setParameter("id", id)
                .setParameter("tenant", tenant.value())
                .executeUpdate() == 1;
    }

    /**
     * Deletes a pending row of a failed upload in a transaction of its own, so the clean-up stays
     * even when the caller's transaction rolls back.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void discardPending(TenantId tenant, long id) {
        findEntity(tenant, id).filter(entity -> entity.getStatus() == BlobStatus.PENDING).ifPresent(entityManager::remove);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private Optional<BlobEntity> findEntity(TenantId tenant, long id) {
        return entityManager.createQuery("SELECT b FROM BlobEntity b WHERE b.id = :id AND b.tenantId = :tenant", BlobEntity.class)
                .setParameter("id", id)
                .setParameter("tenant", tenant.value())
                .getResultStream()
                .findFirst();
    }
}
