package dev.tracks.storage.web;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.service.StorageService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The caller's blobs under the application's JAX-RS root: show one, sign a download URL for it,
 * purge it. Another tenant's blob answers 404, exactly like a missing one.
 */
@Path("storage/blobs")
@RequestScoped
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public class BlobResource {

    @Inject
    StorageService storage;

    @Context
    HttpServletRequest request;

    /**
     * Returns the blob's public fields.
     */
    @GET
    @Path("{id}")
    public BlobJson show(@PathParam("id") long id) {
        return BlobJson.of(find(id));
    }

    /**
     * Signs a download URL valid for {@code storage.url.expiry}. Types that could run script in
     * the browser are always served as attachments, whatever {@code disposition} asks.
     */
    @GET
    @Path("{id}/url")
    public UrlJson url(@PathParam("id") long id, @QueryParam("disposition") @DefaultValue("inline") String disposition) {
        ContentDisposition.Type type = parseDisposition(disposition);

        SignedUrl url = storage.url(find(id), type);

        return UrlJson.of(url.resolveAgainst(ApplicationRoot.of(request)));
    }

    /**
     * Deletes the blob's row and then its object.
     */
    @DELETE
    @Path("{id}")
    public Response purge(@PathParam("id") long id) {
        storage.purge(find(id));

        return Response.noContent().build();
    }

    private Blob find(long id) {
        return storage.find(id).orElseThrow(() -> new BlobNotFoundException("Blob " + id + " not found: check the id"));
    }

    private static ContentDisposition.Type parseDisposition(String disposition) {
        try {
            return ContentDisposition.Type.parse(disposition);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("disposition", e.getMessage(), e);
        }
    }
}
