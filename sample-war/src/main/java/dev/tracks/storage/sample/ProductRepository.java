package dev.tracks.storage.sample;

import dev.tracks.storage.Blob;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.service.Attachments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;

/**
 * Reads and writes {@code products} rows; every read takes the tenant.
 */
@ApplicationScoped
public class ProductRepository {

    @PersistenceContext
    EntityManager entityManager;

    @Inject
    Attachments attachments;

    /**
     * Inserts a new product holding {@code image}, in one transaction: if the image is not allowed
     * by {@code Product.imageBlobId}'s {@code @Attachment} or the insert fails, neither the row nor
     * the image is kept.
     *
     * @throws dev.tracks.storage.InvalidInputException if the image's type or size is not allowed
     */
    @Transactional
    public Product insert(Product product, Blob image) {
        attachments.attach(product, Product.IMAGE, image);

        entityManager.persist(product);
        return product;
    }

    /**
     * Inserts a new product holding the direct upload behind {@code signedId}, in one transaction:
     * the upload is verified and activated in it, so a failed insert leaves the blob pending, and a
     * rejected upload stores no row.
     *
     * @throws dev.tracks.storage.InvalidInputException if the upload is not allowed by the field
     * @throws dev.tracks.storage.IntegrityException if the uploaded file differs from its declaration
     * @throws dev.tracks.storage.InvalidSignatureException if the signed id is invalid or another tenant's
     */
    @Transactional
    public Product insert(Product product, String signedId) {
        attachments.attach(product, Product.IMAGE, signedId);

        entityManager.persist(product);
        return product;
    }

    /**
     * Returns the tenant's products, newest first.
     */
    @Transactional(TxType.SUPPORTS)
    public List<Product> findAll(TenantId tenant) {
        return entityManager.createQuery("SELECT p FROM Product p WHERE p.tenantId = :tenant ORDER BY p.id DESC", Product.class)
                .setParameter("tenant", tenant.value())
                .getResultList();
    }
}
