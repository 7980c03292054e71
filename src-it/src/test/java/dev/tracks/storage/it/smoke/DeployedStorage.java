package dev.tracks.storage.it.smoke;

import dev.tracks.storage.it.support.StorageClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives a smoke test class the storage WAR deployed on one server over
 * one database. Before the class it creates and migrates a scratch database, builds the WAR,
 * starts the server with it and waits until the application requires authentication. After the
 * class, whatever happened, it stops the server and drops the database.
 *
 * <p>Register it on a static field with {@code @RegisterExtension}. Each test class gets a work
 * folder of its own under {@code it.smoke.dir} with the server's files and logs, the disk root and,
 * for H2, the database files.
 */
final class DeployedStorage implements BeforeAllCallback {

    private static final System.Logger LOG = System.getLogger(DeployedStorage.class.getName());
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DeployedStorage.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final ApplicationServer server;
    private final ScratchDatabase.Vendor vendor;
    private ScratchDatabase database;
    private StorageClient client;
    private Path diskRoot;

    /**
     * Creates the extension for {@code server} over a scratch database of {@code vendor}.
     */
    DeployedStorage(ApplicationServer server, ScratchDatabase.Vendor vendor) {
        this.server = server;
        this.vendor = vendor;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, SQLException {
        Path workDir = Path.of(SmokeDeployment.requiredProperty("it.smoke.dir")).resolve(context.getRequiredTestClass().getSimpleName());
        WorkFolders.deleteTree(workDir);
        Files.createDirectories(workDir);
        Deployment deployment = new Deployment();
        // JUnit closes what the store contains when the class finishes, even when this method fails.
        context.getStore(NAMESPACE).put(Deployment.class, deployment);
        Instant started = Instant.now();

        database = ScratchDatabase.create(vendor, workDir, server.h2Options());
        deployment.database = database;
        diskRoot = workDir.resolve("storage");
        Path war = workDir.resolve(SmokeDeployment.NAME + ".war");
        SmokeDeployment.war(database, diskRoot).as(ZipExporter.class).exportTo(war.toFile(), true);
        deployment.process = server.start(war, workDir);
        client = new StorageClient(server.applicationRoot().toURL());
        awaitAuthentication(deployment.process);

        LOG.log(Level.INFO, "{0} over {1} ready in {2} ms (database created, WAR built, server started, WAR deployed)",
                server.name(), vendor, Duration.between(started, Instant.now()).toMillis());
    }

    /** Returns a client for the deployed WAR. */
    StorageClient client() {
        return client;
    }

    /** Returns the scratch database the WAR's datasource uses. */
    ScratchDatabase database() {
        return database;
    }

    /** Returns the disk driver's root folder, which the server and the test JVM share. */
    Path diskRoot() {
        return diskRoot;
    }

    /** Returns the server's name and the database, for assertion messages. */
    String describe() {
        return server.name() + " over " + vendor;
    }

    // The deployed application returns 401 to an anonymous API call because of its security
    // constraint, and a server without the application returns 404.
    private void awaitAuthentication(ServerProcess process) {
        process.await("401 from the deployed application", READY_TIMEOUT, () -> {
            try {
                return client.get("api/storage/blobs/1", null).statusCode() == 401;
            } catch (UncheckedIOException notListening) {
                return false;
            }
        });
    }

    /** What one test class started. JUnit closes it after the class: the server, then the database. */
    private static final class Deployment implements AutoCloseable {

        private ScratchDatabase database;
        private ServerProcess process;

        @Override
        public void close() throws SQLException {
            if (process != null) {
                process.close();
            }
            if (database != null) {
                database.close();
            }
        }
    }
}
