package dev.tracks.storage.sample;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Writes the catalog page: the two forms that add a product, then either the product list or an
 * error message. Every value from users or the database is HTML-escaped here.
 *
 * <p>The first form uploads the image straight to the store with the Rails client
 * ({@code /assets/direct-upload.js}) and posts only its signed id; the second posts the image
 * itself as {@code multipart/form-data} and works without JavaScript.
 */
final class CatalogPage {

    /** The direct-upload endpoint, with the {@code @Attachment} field whose rules it applies when it signs. */
    static final String DIRECT_UPLOAD_PATH = "/api/storage/direct-uploads?attachment=Product." + Product.IMAGE;

    private static final String IMAGE_TYPES = "image/png,image/jpeg,image/gif,image/webp";

    private static final String STYLE = "body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}"
            + "form{display:flex;gap:1rem;align-items:end;flex-wrap:wrap;margin-bottom:2rem}"
            + "label{display:flex;flex-direction:column}"
            + ".dropzone{border:2px dashed #888;border-radius:.5rem;padding:1rem}"
            + ".dropzone.dragover{border-color:#06c;background:#eef5ff}"
            + "progress{width:10rem}"
            + "ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:1rem}"
            + "img{width:100%;height:10rem;object-fit:contain;background:#eee}"
            + ".error{color:#a00;border:1px solid #a00;padding:.5rem}";

    private final String contextPath;
    private final String user;
    private final String contentSecurityPolicy;

    /**
     * Creates the page for {@code user}, with links under {@code contextPath} and the
     * {@link ContentSecurityPolicy} header value.
     */
    CatalogPage(String contextPath, String user, String contentSecurityPolicy) {
        this.contextPath = contextPath;
        this.user = user;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /**
     * Writes the page with the tenant's products.
     */
    void writeProducts(HttpServletResponse response, List<ProductCard> products) throws IOException {
        PrintWriter html = begin(response, HttpServletResponse.SC_OK);

        if (products.isEmpty()) {
            html.println("<p>No products yet: add one with a form above.</p>");
        } else {
            html.println("<ul>");
            products.forEach(product -> html.println(card(product)));
            html.println("</ul>");
        }

        end(html);
    }

    /**
     * Writes the page with an error message in place of the product list.
     *
     * @param status the HTTP status that fits the error
     * @param message a message for the user, such as a {@code StorageException}'s message
     */
    void writeError(HttpServletResponse response, int status, String message) throws IOException {
        PrintWriter html = begin(response, status);

        html.println("<p class=\"error\" role=\"alert\">" + escape(message) + "</p>");
        html.println("<p><a href=\"" + escape(contextPath + "/") + "\">Back to the products</a></p>");

        end(html);
    }

    private PrintWriter begin(HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");

        PrintWriter html = response.getWriter();
        html.println("<!DOCTYPE html>");
        html.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Products</title><style>" + STYLE + "</style>");
        html.println("<script type=\"module\" src=\"" + escape(contextPath + "/assets/direct-upload.js") + "\"></script></head>");
        html.println("<body><h1>Products</h1><p>Signed in as " + escape(user) + "</p>");
        html.println(directUploadForm());
        html.println(multipartForm());
        return html;
    }

    private static void end(PrintWriter html) {
        html.println("</body></html>");
    }

    // The file input has no name, so the form posts only the name and the signed id. Its submit
    // button stays disabled until the script has uploaded the image.
    private String directUploadForm() {
        return "<h2>Add a product</h2>"
                + "<form id=\"direct-upload-form\" method=\"post\" action=\"" + escape(contextPath + "/products") + "\">"
                + nameField()
                + "<label class=\"dropzone\" id=\"image-dropzone\">Image: drop a picture here or choose one"
                + "<input type=\"file\" id=\"image-file\" accept=\"" + IMAGE_TYPES + "\" data-direct-upload-url=\""
                + escape(contextPath + DIRECT_UPLOAD_PATH) + "\" required></label>"
                + "<label>Upload <progress id=\"image-progress\" max=\"100\" value=\"0\"></progress>"
                + "<output id=\"image-status\" aria-live=\"polite\"></output></label>"
                + "<input type=\"hidden\" name=\"" + ProductCatalog.SIGNED_ID_FIELD + "\" id=\"image-signed-id\">"
                + "<button type=\"submit\" disabled>Add product</button></form>";
    }

    private String multipartForm() {
        return "<h2>Add a product without JavaScript</h2>"
                + "<form id=\"multipart-form\" method=\"post\" action=\"" + escape(contextPath + "/products")
                + "\" enctype=\"multipart/form-data\">"
                + nameField()
                + "<label>Image <input type=\"file\" name=\"" + ProductCatalog.IMAGE_FIELD + "\" accept=\"" + IMAGE_TYPES
                + "\" required></label>"
                + "<button type=\"submit\">Add product</button></form>";
    }

    private static String nameField() {
        return "<label>Name <input name=\"" + ProductCatalog.NAME_FIELD + "\" required maxlength=\"" + Product.MAX_NAME_LENGTH
                + "\"></label>";
    }

    private static String card(ProductCard product) {
        String name = escape(product.name());
        String image = product.imageUrl() == null
                ? "<p>(image missing)</p>"
                : "<img src=\"" + escape(product.imageUrl().toString()) + "\" alt=\"" + name + "\">";
        return "<li>" + image + "<p>" + name + "</p></li>";
    }

    // Escapes the five characters that can end an element or an attribute value.
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
