package dev.tracks.storage.sample;

import dev.tracks.storage.Blob;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.service.Attachments;
import dev.tracks.storage.service.StorageService;
import dev.tracks.storage.tenant.TenantContext;
import dev.tracks.storage.web.MultipartUploads;
import dev.tracks.storage.web.ReceivedUpload;
import dev.tracks.storage.web.TenantScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;

/**
 * The signed-in tenant's product catalog: what the page lists and what its form adds. Servlets
 * delegate here because the tenant is bound only around calls to {@link TenantScoped} beans.
 */
@RequestScoped
@TenantScoped
public class ProductCatalog {

    /** The form field that carries the image, as {@code storage.upload.part-name} defaults it. */
    static final String IMAGE_FIELD = "file";

    /** The form field that carries the product's name. */
    static final String NAME_FIELD = "name";

    /** The form field that carries the signed id of a directly uploaded image. */
    static final String SIGNED_ID_FIELD = "signed_id";

    private static final System.Logger LOG = System.getLogger(ProductCatalog.class.getName());

    @Inject
    MultipartUploads uploads;

    @Inject
    StorageService storage;

    @Inject
    TenantContext tenants;

    @Inject
    ProductRepository products;

    @Inject
    Attachments attachments;

    /**
     * Returns the tenant's products, newest first, each with a freshly signed image URL resolved
     * against {@code applicationRoot}.
     */
    public List<ProductCard> list(URI applicationRoot) {
        return products.findAll(tenants.current()).stream()
                .map(product -> new ProductCard(product.getName(), imageUrl(product, applicationRoot)))
                .toList();
    }

    /**
     * Stores the image of a multipart form, then the product that refers to it. The upload runs
     * before any transaction opens and is checked against the image field's {@code @Attachment}
     * while it streams, so a rejected image is never stored, and a rejected name purges it again.
     *
     * @throws StorageException if the form is malformed, the image is not an accepted picture, or
     *     the name is missing or too long
     */
    public Product add(HttpServletRequest request) {
        ReceivedUpload upload = uploads.receive(request, attachments.rulesFor(Product.class, Product.IMAGE));
        Blob image = upload.blob();

        String name;
        try {
            name = checkedName(upload.fields().getOrDefault(NAME_FIELD, ""));
        } catch (InvalidInputException e) {
            purgeRejected(image);
            throw e;
        }

        return products.insert(new Product(tenants.current(), name), image);
    }

    /**
     * Stores a product whose image the browser has already uploaded straight to the store, in one
     * transaction with the checks of that upload against the image field's {@code @Attachment}.
     * A rejected form leaves the upload pending, and the sweeper deletes it once it expires.
     *
     * @param submittedName the form's name field, or {@code null} when it is missing
     * @param signedId the upload's signed id, or {@code null} when it is missing
     * @throws StorageException if the name is missing or too long, the signed id is missing or
     *     invalid, or the uploaded file differs from its declaration or is not an accepted picture
     */
    public Product addDirectUpload(String submittedName, String signedId) {
        String name = checkedName(submittedName == null ? "" : submittedName);
        if (signedId == null || signedId.isBlank()) {
            throw new InvalidInputException(SIGNED_ID_FIELD, "Product image is missing: choose a picture and wait until its upload"
                    + " has finished");
        }

        return products.insert(new Product(tenants.current(), name), signedId.strip());
    }

    private URI imageUrl(Product product, URI applicationRoot) {
        if (product.getImageBlobId() == null) {
            return null;
        }

        return storage.find(product.getImageBlobId())
                .filter(Blob::isActive)
                .map(blob -> storage.url(blob, ContentDisposition.Type.INLINE).resolveAgainst(applicationRoot).uri())
                .orElse(null);
    }

    private static String checkedName(String submitted) {
        String name = submitted.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException(NAME_FIELD, "Product name is missing: fill in the 'name' field");
        }
        if (name.length() > Product.MAX_NAME_LENGTH) {
            throw new InvalidInputException(NAME_FIELD, "Product name is " + name.length() + " characters long: the maximum is "
                    + Product.MAX_NAME_LENGTH);
        }
        return name;
    }

    // The caller sees the rejection itself; a failed purge only leaves an unattached blob for the
    // sweeper, so it is logged here.
    private void purgeRejected(Blob image) {
        try {
            storage.purge(image);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not purge blob " + image.id() + " (key " + image.key() + ") of a rejected product", e);
        }
    }
}
