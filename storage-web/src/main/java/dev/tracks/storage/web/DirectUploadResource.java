package dev.tracks.storage.web;

import dev.tracks.storage.service.AttachmentRules;
import dev.tracks.storage.service.Attachments;
import dev.tracks.storage.service.DirectUpload;
import dev.tracks.storage.service.DirectUploads;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code POST /api/storage/direct-uploads}: reserves a pending blob and signs the URL the client
 * uploads it to, in the exchange the Rails {@code DirectUpload} client expects.
 *
 * <p>An {@code attachment} query parameter ({@code ?attachment=Product.imageBlobId}) applies that
 * field's {@code @Attachment} rules at signing; without it the application-wide limits apply.
 */
@Path("storage/direct-uploads")
@RequestScoped
@TenantScoped
public class DirectUploadResource {

    @Inject
    DirectUploads directUploads;

    @Inject
    Attachments attachments;

    @Context
    HttpServletRequest request;

    /**
     * Validates the declaration, writes the pending blob and returns its signed id and upload URL.
     * The body is read and parsed here rather than by the JAX-RS provider, so any malformed body
     * gets a JSON error that names the fix. The reply contains bearer credentials, so it is
     * never cached.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @QueryParam("attachment") String attachment) {
        AttachmentRules rules = attachment == null ? attachments.defaultRules() : attachments.rulesFor(attachment);

        DirectUpload upload = directUploads.reserve(DirectUploadJson.readRequest(body), rules);

        return Response.ok(DirectUploadJson.of(upload, ApplicationRoot.of(request))).header("Cache-Control", "no-store").build();
    }
}
