package dev.tracks.storage.jpa;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobStatus;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The JPA mapping of one {@code tracks_blobs} row. The schema comes from the shipped migrations
 * ({@code db/migration/tracks-storage/{database}/V1__create_tracks_blobs.sql}), never from schema
 * generation.
 *
 * <p>List this class in your persistence unit. Application code works with the immutable
 * {@link Blob} that {@link #toBlob()} returns.
 */
@Entity
@Table(name = "tracks_blobs")
public class BlobEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    // "key" is reserved in MariaDB and Derby; JPA providers turn the quotes into each database's delimiters.
    @Column(name = "\"key\"", nullable = false, unique = true, length = StorageKey.MAX_LENGTH, updatable = false)
    private String key;

    @Column(name = "filename", nullable = false, length = 255)
    private String filename;

    @Column(name = "content_type", nullable = false, length = 255)
    private String contentType;

    @Column(name = "byte_size", nullable = false)
    private long byteSize;

    @Column(name = "checksum", length = 24)
    private String checksum;

    // Kept as the column's lowercase word; an AttributeConverter would have to be listed in every
    // application's persistence unit.
    @Column(name = "status", nullable = false, length = 16)
    private String status;

    // UTC wall-clock time: JPA 3.1 has no portable Instant mapping.
    // NOTE: Hibernate 6.6 and EclipseLink 4.0 pass this through java.sql.Timestamp in the JVM's
    // default zone, so outside a UTC JVM a time in that zone's spring-forward hour is stored an
    // hour late. Run servers with -Duser.timezone=UTC.
    @Column(name = "created_at", nullable = false, updatable = false)
    private LocalDateTime createdAt;

    @Column(name = "tenant_id", nullable = false, length = 64, updatable = false)
    private String tenantId;

    @Column(name = "attached_at")
    private LocalDateTime attachedAt;

    protected BlobEntity() {
        // For JPA.
    }

    /**
     * Creates a pending row for an upload that has not been stored yet.
     */
    public static BlobEntity pending(TenantId tenant, StorageKey key, String filename, String contentType, long byteSize,
            Checksum checksum, Instant createdAt) {
        BlobEntity entity = new BlobEntity();
        entity.tenantId = tenant.value();
        entity.key = key.value();
        entity.filename = filename;
        entity.contentType = contentType;
        entity.byteSize = byteSize;
        entity.checksum = checksum == null ? null : checksum.base64();
        entity.status = BlobStatus.PENDING.columnValue();
        entity.createdAt = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
        return entity;
    }

    /**
     * Marks the row active with what was measured while storing the bytes.
     */
    public void activate(long measuredSize, Checksum measuredChecksum) {
        this.byteSize = measuredSize;
        this.checksum = measuredChecksum.base64();
        this.status = BlobStatus.ACTIVE.columnValue();
    }

    /**
     * Returns the row as an immutable value.
     */
    public Blob toBlob() {
        return new Blob(id, new StorageKey(key), filename, contentType, byteSize, checksum == null ? null : new Checksum(checksum),
                getStatus(), createdAt.toInstant(ZoneOffset.UTC), new TenantId(tenantId));
    }

    public Long getId() {
        return id;
    }

    public BlobStatus getStatus() {
        return BlobStatus.fromColumnValue(status);
    }

    public boolean isAttached() {
        return attachedAt != null;
    }
}
