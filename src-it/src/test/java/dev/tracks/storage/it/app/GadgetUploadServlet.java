package dev.tracks.storage.it.app;

import dev.tracks.storage.StorageException;
import dev.tracks.storage.web.StorageErrors;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /gadgets}: creates a gadget with its image through {@link GadgetUploads} and responds
 * 201 with the gadget's id as plain text, or with the library's error JSON.
 */
@WebServlet("/gadgets")
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class GadgetUploadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient GadgetUploads uploads;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Gadget gadget;
        try {
            gadget = uploads.create(request);
        } catch (StorageException e) {
            StorageErrors.write(response, e);
            return;
        }

        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setContentType("text/plain");
        response.getWriter().print(gadget.getId());
    }
}
