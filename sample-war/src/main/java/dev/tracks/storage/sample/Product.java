package dev.tracks.storage.sample;

import dev.tracks.storage.Attachment;
import dev.tracks.storage.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A product of one tenant's catalog, with an optional image stored as a blob.
 */
@Entity
@Table(name = "products")
public class Product {

    /** Longest accepted name, in characters: the width of the {@code name} column. */
    public static final int MAX_NAME_LENGTH = 200;

    /** The name of the image field, as {@code Attachments.attach} takes it. */
    public static final String IMAGE = "imageBlobId";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "tenant_id", nullable = false, length = 64, updatable = false)
    private String tenantId;

    @Column(name = "name", nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    @Attachment(contentTypes = {"image/png", "image/jpeg", "image/gif", "image/webp"}, maxSize = 10L * 1024 * 1024)
    @Column(name = "image_blob_id")
    private Long imageBlobId;

    protected Product() {
        // For JPA.
    }

    /**
     * Creates a product of {@code tenant} without an image yet.
     */
    public Product(TenantId tenant, String name) {
        this.tenantId = tenant.value();
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Long getImageBlobId() {
        return imageBlobId;
    }

    public void setImageBlobId(Long imageBlobId) {
        this.imageBlobId = imageBlobId;
    }
}
