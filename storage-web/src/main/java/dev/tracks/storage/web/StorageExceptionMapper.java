package dev.tracks.storage.web;

import dev.tracks.storage.StorageException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns every storage exception thrown by a JAX-RS resource into its HTTP status and JSON error
 * body, so resources contain no error handling of their own.
 */
@Provider
public class StorageExceptionMapper implements ExceptionMapper<StorageException> {

    @Override
    public Response toResponse(StorageException e) {
        StorageErrors.Response error = StorageErrors.responseFor(e);

        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body());
        if (error.status() == 401) {
            response.header("WWW-Authenticate", "Basic realm=\"tracks-storage\"");
        }
        return response.build();
    }
}
