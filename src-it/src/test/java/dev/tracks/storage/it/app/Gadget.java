package dev.tracks.storage.it.app;

import dev.tracks.storage.Attachment;
import dev.tracks.storage.service.AttachmentListener;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * An application entity with attachments, as a real application declares one: one image with
 * narrower rules than the application's, and any number of documents. Its table comes from
 * {@code create-gadgets.sql}, run by {@link BlobTableMigration}.
 */
@Entity
@Table(name = "it_gadgets")
@EntityListeners(AttachmentListener.class)
public class Gadget {

    /** The largest image a gadget accepts: 512 KiB, half the test WAR's upload limit. */
    public static final long MAX_IMAGE_SIZE = 512 * 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "name", nullable = false)
    private String name;

    @Attachment(contentTypes = "image/*", maxSize = MAX_IMAGE_SIZE)
    @Column(name = "image_blob_id")
    private Long imageBlobId;

    @Attachment
    @ElementCollection
    @CollectionTable(name = "it_gadget_documents", joinColumns = @JoinColumn(name = "gadget_id"))
    @Column(name = "blob_id")
    private List<Long> documentIds = new ArrayList<>();

    protected Gadget() {
        // For JPA.
    }

    public Gadget(String name) {
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

    public List<Long> getDocumentIds() {
        return documentIds;
    }

    public void setDocumentIds(List<Long> documentIds) {
        this.documentIds = documentIds;
    }
}
