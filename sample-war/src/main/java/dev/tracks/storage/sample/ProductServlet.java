package dev.tracks.storage.sample;

import dev.tracks.storage.StorageException;
import dev.tracks.storage.web.StorageErrors;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Receives the catalog page's form ({@code multipart/form-data}: {@code name}, then {@code file}),
 * adds the product and sends the browser back to the list with 303 See Other. A rejected form
 * shows the page with the error and its status instead.
 */
@WebServlet(urlPatterns = "/products")
public class ProductServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ProductCatalog catalog;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getUserPrincipal().getName();
        if (isCrossSite(request)) {
            CatalogPage.writeError(response, HttpServletResponse.SC_FORBIDDEN, request.getContextPath(), user,
                    "Products can be added only from this application's own page");
            return;
        }

        try {
            catalog.add(request);
        } catch (StorageException e) {
            StorageErrors.Response error = StorageErrors.responseFor(e);
            CatalogPage.writeError(response, error.status(), request.getContextPath(), user, error.body().message());
            return;
        }

        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/");
    }

    // Browsers resend Basic credentials with any site's form, so a form posted from another site
    // would act for the signed-in user. Browsers without Sec-Fetch-Site get no such check.
    private static boolean isCrossSite(HttpServletRequest request) {
        return "cross-site".equals(request.getHeader("Sec-Fetch-Site"));
    }
}
