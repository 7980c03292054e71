package dev.tracks.storage.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes JSON bodies from servlets with the container's JSON-B provider, the same one JAX-RS uses.
 */
final class JsonResponses {

    // Jsonb instances are thread-safe and costly to create.
    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonResponses() {
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSONB.toJson(body));
    }
}
