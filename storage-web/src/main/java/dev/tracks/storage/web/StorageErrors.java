package dev.tracks.storage.web;

import dev.tracks.storage.AuthenticationRequiredException;
import dev.tracks.storage.BlobAttachedException;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.CrossSiteRequestException;
import dev.tracks.storage.DriverConfigurationException;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.InvalidKeyException;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.MalformedRequestException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.TenantRequiredException;
import dev.tracks.storage.UploadTooLargeException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table from storage exceptions to HTTP responses, shared by the JAX-RS exception mapper
 * and the servlets, so both report the same failure the same way.
 *
 * <p>Invalid and expired signatures and unsafe keys get 404, like a missing blob, so a probe
 * learns nothing about what exists. Failures of the store itself get 500 with a generic message
 * and are logged, because their details (paths, buckets) are not for clients.
 */
public final class StorageErrors {

    private static final System.Logger LOG = System.getLogger(StorageErrors.class.getName());

    // Most specific first: the first matching type decides.
    private static final Map<Class<? extends StorageException>, Status> STATUSES = new LinkedHashMap<>();

    static {
        STATUSES.put(UploadTooLargeException.class, new Status(413, "upload_too_large"));
        STATUSES.put(MalformedRequestException.class, new Status(400, "malformed_request"));
        STATUSES.put(InvalidInputException.class, new Status(422, "invalid_input"));
        STATUSES.put(AuthenticationRequiredException.class, new Status(401, "authentication_required"));
        STATUSES.put(TenantRequiredException.class, new Status(403, "tenant_required"));
        STATUSES.put(CrossSiteRequestException.class, new Status(403, "cross_site_request"));
        STATUSES.put(BlobNotFoundException.class, new Status(404, "blob_not_found"));
        STATUSES.put(InvalidSignatureException.class, new Status(404, "not_found"));
        STATUSES.put(InvalidKeyException.class, new Status(404, "not_found"));
        STATUSES.put(BlobAttachedException.class, new Status(409, "blob_attached"));
        STATUSES.put(IntegrityException.class, new Status(422, "integrity_error"));
        STATUSES.put(DriverConfigurationException.class, new Status(500, "storage_misconfigured"));
    }

    private static final Status STORE_FAILURE = new Status(500, "storage_error");

    private StorageErrors() {
    }

    /**
     * Returns the status and body for {@code e}.
     */
    public static Response responseFor(StorageException e) {
        Status status = statusOf(e);
        if (status.code() >= 500) {
            LOG.log(Level.ERROR, "Storage request failed: " + e.getMessage(), e);
            return new Response(status.code(), new ErrorBody(status.error(), "The storage request failed on the server; see the"
                    + " server log for details, then retry"));
        }
        return new Response(status.code(), new ErrorBody(status.error(), messageOf(e, status)));
    }

    /**
     * Sends the response for {@code e} from a servlet, unless the response is already committed.
     */
    public static void write(HttpServletResponse response, StorageException e) throws IOException {
        Response error = responseFor(e);
        if (response.isCommitted()) {
            return;
        }

        response.resetBuffer();
        if (error.status() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"tracks-storage\"");
        }
        JsonResponses.write(response, error.status(), error.body());
    }

    private static Status statusOf(StorageException e) {
        return STATUSES.entrySet().stream()
                .filter(entry -> entry.getKey().isInstance(e))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(STORE_FAILURE);
    }

    // A 404 for a bad signature or key hides why, so the reply cannot tell a probe what exists.
    private static String messageOf(StorageException e, Status status) {
        return "not_found".equals(status.error()) ? "Not found: the link is invalid or has expired; request a new one" : e.getMessage();
    }

    /**
     * A status code and body ready to send.
     *
     * @param status the HTTP status code
     * @param body the JSON body
     */
    public record Response(int status, ErrorBody body) {
    }

    private record Status(int code, String error) {
    }
}
