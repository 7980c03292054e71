package dev.tracks.storage.it.smoke;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A Jakarta EE server the smoke tests start in a process of its own, with one WAR deployed.
 */
interface ApplicationServer {

    /**
     * Returns the server's name for messages, such as {@code WildFly}.
     */
    String name();

    /**
     * Returns what to append to an H2 URL for this server's JPA provider; empty unless the
     * provider needs an H2 compatibility mode.
     */
    String h2Options();

    /**
     * Starts the server in {@code workDir} with {@code war} deployed, and returns once the server
     * reports the deployment successful. When the deployment fails, the process exits or the start
     * times out, it stops the process and throws an exception with the end of the server's log.
     */
    ServerProcess start(Path war, Path workDir) throws IOException;

    /**
     * Returns the URL of the deployed WAR, ending in a slash.
     */
    URI applicationRoot();
}
