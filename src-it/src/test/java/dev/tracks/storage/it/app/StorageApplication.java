package dev.tracks.storage.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The test WAR's JAX-RS application, as every application using storage-web declares one: the
 * storage resources are then served under {@code /api/storage/...}.
 */
@ApplicationPath("api")
public class StorageApplication extends Application {
}
