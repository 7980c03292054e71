package dev.tracks.storage.sample;

import dev.tracks.storage.StorageException;
import dev.tracks.storage.web.ApplicationRoot;
import dev.tracks.storage.web.StorageErrors;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Shows the signed-in tenant's products at the application's root, each image through a fresh
 * signed URL.
 */
@WebServlet(urlPatterns = "")
public class CatalogServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ProductCatalog catalog;

    @Inject
    transient ContentSecurityPolicy contentSecurityPolicy;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CatalogPage page = new CatalogPage(request.getContextPath(), request.getUserPrincipal().getName(),
                contentSecurityPolicy.header());

        List<ProductCard> products;
        try {
            products = catalog.list(ApplicationRoot.of(request));
        } catch (StorageException e) {
            StorageErrors.Response error = StorageErrors.responseFor(e);
            page.writeError(response, error.status(), error.body().message());
            return;
        }

        page.writeProducts(response, products);
    }
}
