package dev.tracks.storage.web;

import dev.tracks.storage.Blob;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.service.StorageService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/**
 * Streams a blob through the application ({@code storage.serving.mode=proxy}), for stores that
 * clients must not reach. Headers and ranges follow the disk endpoint's rules.
 */
@ApplicationScoped
public class BlobProxy {

    @Inject
    StorageService storage;

    /**
     * Returns the response serving {@code blob} for the request's conditional and range headers.
     */
    public Response serve(Blob blob, ContentDisposition.Type disposition, ObjectResponse.Conditions conditions) {
        ObjectResponse.ServedObject served = new ObjectResponse.ServedObject(blob.byteSize(), storage.servedType(blob),
                storage.dispositionFor(blob, disposition).headerValue(), "\"" + blob.checksum().hex() + "\"", 0);
        ObjectResponse plan = ObjectResponse.plan(served, conditions);

        Response.ResponseBuilder response = Response.status(plan.status());
        plan.headers().forEach(response::header);
        if (plan.hasBody()) {
            // Opened now, while the caller's tenant is bound: JAX-RS writes the entity after this
            // method and its interceptors have returned.
            InputStream content = storage.open(blob, plan.range());
            response.entity((StreamingOutput) out -> {
                try (InputStream in = content) {
                    in.transferTo(out);
                }
            });
        }
        return response.build();
    }
}
