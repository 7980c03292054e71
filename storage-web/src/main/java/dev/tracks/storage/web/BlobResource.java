package dev.tracks.storage.web;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobAttachedException;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.config.ServingMode;
import dev.tracks.storage.config.StorageConfig;
import dev.tracks.storage.service.DirectUploads;
import dev.tracks.storage.service.StorageService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The caller's blobs under the application's JAX-RS root: show one, sign a download URL for it,
 * serve it by signed id, purge it. Another tenant's blob gets 404, exactly like a missing one.
 */
@Path("storage/blobs")
@RequestScoped
@TenantScoped
public class BlobResource {

    private static final String SIGNED_ID = "{signedId: [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+}";

    @Inject
    StorageService storage;

    @Inject
    DirectUploads directUploads;

    @Inject
    BlobProxy proxy;

    @Inject
    StorageConfig config;

    @Context
    HttpServletRequest request;

    /**
     * Returns the blob's public fields.
     */
    @GET
    @Path("{id: \\d+}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response show(@PathParam("id") long id) {
        Blob blob = find(id);

        return noStore(BlobJson.of(blob, directUploads.signedId(blob)));
    }

    /**
     * Signs a download URL valid for {@code storage.url.expiry}. Types that could run script in
     * the browser are always served as attachments, whatever {@code disposition} requests.
     */
    @GET
    @Path("{id: \\d+}/url")
    @Produces(MediaType.APPLICATION_JSON)
    public Response url(@PathParam("id") long id, @QueryParam("disposition") @DefaultValue("inline") String disposition) {
        ContentDisposition.Type type = parseDisposition(disposition);

        SignedUrl url = storage.url(find(id), type);

        return noStore(UrlJson.of(url.resolveAgainst(ApplicationRoot.of(request))));
    }

    /**
     * Serves the blob behind a signed id: a 302 to a fresh signed URL, or with
     * {@code storage.serving.mode=proxy} the bytes themselves, with {@code Range} support. Pages
     * can embed this stable URL while the signed URLs behind it keep expiring.
     */
    @GET
    @Path(SIGNED_ID)
    public Response serve(@PathParam("signedId") String signedId, @QueryParam("disposition") @DefaultValue("inline") String disposition,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        ContentDisposition.Type type = parseDisposition(disposition);
        Blob blob = directUploads.find(signedId);

        if (config.servingMode() == ServingMode.PROXY) {
            return proxy.serve(blob, type, new ObjectResponse.Conditions(range, ifRange, ifNoneMatch));
        }
        SignedUrl url = storage.url(blob, type).resolveAgainst(ApplicationRoot.of(request));
        return Response.status(Response.Status.FOUND).location(url.uri()).header("Cache-Control", "no-store").build();
    }

    /**
     * Deletes the blob's row and then its object, unless a record has it: that record would be
     * left naming a missing blob, so it gets 409 and the application detaches it instead.
     */
    @DELETE
    @Path("{id: \\d+}")
    public Response purge(@PathParam("id") long id) {
        Blob blob = find(id);
        if (storage.isAttached(blob)) {
            throw new BlobAttachedException("Blob " + id + " is attached to a record: remove it through that record, which"
                    + " purges it");
        }

        storage.purge(blob);
        return Response.noContent().build();
    }

    // Signed ids and URLs are bearer credentials: no cache may keep a reply that carries one.
    private static Response noStore(Object entity) {
        return Response.ok(entity).header("Cache-Control", "no-store").build();
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
