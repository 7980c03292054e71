package dev.tracks.storage.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Serves the JAX-RS resources under {@code /api}, among them the library's
 * {@code /api/storage/blobs}.
 */
@ApplicationPath("api")
public class SampleApplication extends Application {
}
