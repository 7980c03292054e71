package dev.tracks.storage.web;

import dev.tracks.storage.StorageException;
import dev.tracks.storage.service.DirectUploads;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /storage/uploads}: stores the {@code multipart/form-data} file part as a blob of the
 * caller's tenant and responds 201 with the blob as JSON.
 *
 * <p>No {@code @MultipartConfig} on purpose: the container would spool the whole part to a
 * temporary file first. {@link MultipartUploads} parses the body as a stream instead.
 */
@WebServlet(name = "TracksStorageUploads", urlPatterns = "/storage/uploads")
public class UploadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient MultipartUploads uploads;

    @Inject
    transient DirectUploads directUploads;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ReceivedUpload upload;
        try {
            upload = uploads.receive(request);
        } catch (StorageException e) {
            StorageErrors.write(response, e);
            return;
        }

        response.setHeader("Location", request.getContextPath() + "/api/storage/blobs/" + upload.blob().id());
        response.setHeader("Cache-Control", "no-store");
        JsonResponses.write(response, HttpServletResponse.SC_CREATED, BlobJson.of(upload.blob(), directUploads.signedId(upload.blob())));
    }
}
