package dev.tracks.storage.sample;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Writes the catalog page: the upload form, then either the product list or an error message.
 * Every value from users or the database is HTML-escaped here.
 */
final class CatalogPage {

    // Images may come from another origin when a cloud driver signs them, hence 'https:' in img-src.
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; img-src 'self' https:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

    private static final String STYLE = "body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}"
            + "form{display:flex;gap:1rem;align-items:end;flex-wrap:wrap;margin-bottom:2rem}"
            + "label{display:flex;flex-direction:column}"
            + "ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:1rem}"
            + "img{width:100%;height:10rem;object-fit:contain;background:#eee}"
            + ".error{color:#a00;border:1px solid #a00;padding:.5rem}";

    private CatalogPage() {
    }

    /**
     * Writes the page with the tenant's products.
     */
    static void writeProducts(HttpServletResponse response, String contextPath, String user, List<ProductCard> products)
            throws IOException {
        PrintWriter html = begin(response, HttpServletResponse.SC_OK, contextPath, user);

        if (products.isEmpty()) {
            html.println("<p>No products yet: add one with the form above.</p>");
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
    static void writeError(HttpServletResponse response, int status, String contextPath, String user, String message)
            throws IOException {
        PrintWriter html = begin(response, status, contextPath, user);

        html.println("<p class=\"error\" role=\"alert\">" + escape(message) + "</p>");
        html.println("<p><a href=\"" + escape(contextPath + "/") + "\">Back to the products</a></p>");

        end(html);
    }

    private static PrintWriter begin(HttpServletResponse response, int status, String contextPath, String user)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");

        PrintWriter html = response.getWriter();
        html.println("<!DOCTYPE html>");
        html.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Products</title><style>" + STYLE + "</style></head>");
        html.println("<body><h1>Products</h1><p>Signed in as " + escape(user) + "</p>");
        html.println(form(contextPath));
        return html;
    }

    private static void end(PrintWriter html) {
        html.println("</body></html>");
    }

    private static String form(String contextPath) {
        return "<form method=\"post\" action=\"" + escape(contextPath + "/products") + "\" enctype=\"multipart/form-data\">"
                + "<label>Name <input name=\"" + ProductCatalog.NAME_FIELD + "\" required maxlength=\"" + Product.MAX_NAME_LENGTH
                + "\"></label>"
                + "<label>Image <input type=\"file\" name=\"" + ProductCatalog.IMAGE_FIELD
                + "\" accept=\"image/png,image/jpeg,image/gif,image/webp\" required></label>"
                + "<button type=\"submit\">Add product</button></form>";
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
