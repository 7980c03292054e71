package dev.tracks.storage.it.smoke;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServerSmokeTest} on Open Liberty (EclipseLink) over MariaDB.
 * Part of the server-by-database matrix, which runs with {@code mvn verify -Pmatrix}.
 */
@Tag("matrix")
class LibertyMariadbSmokeIT extends ServerSmokeTest {

    @RegisterExtension
    static final DeployedStorage STORAGE = new DeployedStorage(new LibertyServer(), ScratchDatabase.Vendor.MARIADB);

    @Override
    DeployedStorage storage() {
        return STORAGE;
    }
}
