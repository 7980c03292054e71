package dev.tracks.storage.it.smoke;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServerSmokeTest} on Open Liberty (EclipseLink) over PostgreSQL.
 * Part of the server-by-database matrix, which runs with {@code mvn verify -Pmatrix}.
 */
@Tag("matrix")
class LibertyPostgresqlSmokeIT extends ServerSmokeTest {

    @RegisterExtension
    static final DeployedStorage STORAGE = new DeployedStorage(new LibertyServer(), ScratchDatabase.Vendor.POSTGRESQL);

    @Override
    DeployedStorage storage() {
        return STORAGE;
    }
}
