package dev.tracks.storage.sample;

import dev.tracks.storage.StorageException;
import dev.tracks.storage.web.StorageErrors;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Receives the catalog page's forms, adds the product and sends the browser back to the list with
 * 303 See Other. A rejected form shows the page with the error and its status instead.
 *
 * <p>Two encodings are accepted. {@code multipart/form-data} carries {@code name}, then the image
 * itself in {@code file}. A form without a file ({@code application/x-www-form-urlencoded})
 * carries {@code name} and the {@code signed_id} of an image the browser has already uploaded
 * directly to the store.
 */
@WebServlet(urlPatterns = "/products")
public class ProductServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ProductCatalog catalog;

    @Inject
    transient ContentSecurityPolicy contentSecurityPolicy;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CatalogPage page = new CatalogPage(request.getContextPath(), request.getUserPrincipal().getName(),
                contentSecurityPolicy.header());
        if (isCrossSite(request)) {
            page.writeError(response, HttpServletResponse.SC_FORBIDDEN, "Products can be added only from this application's own page");
            return;
        }

        try {
            add(request);
        } catch (StorageException e) {
            StorageErrors.Response error = StorageErrors.responseFor(e);
            page.writeError(response, error.status(), error.body().message());
            return;
        }

        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/");
    }

    private void add(HttpServletRequest request) throws IOException {
        if (isMultipart(request)) {
            catalog.add(request);
            return;
        }

        // Browsers send the page's charset, UTF-8, but most containers decode ISO-8859-1 by default.
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        catalog.addDirectUpload(request.getParameter(ProductCatalog.NAME_FIELD), request.getParameter(ProductCatalog.SIGNED_ID_FIELD));
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    // Browsers resend Basic credentials with any site's form, so a form posted from another site
    // would act for the signed-in user. Browsers without Sec-Fetch-Site get no such check.
    private static boolean isCrossSite(HttpServletRequest request) {
        return "cross-site".equals(request.getHeader("Sec-Fetch-Site"));
    }
}
