package dev.tracks.storage.it.smoke;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServerSmokeTest} on Payara Micro (EclipseLink) over PostgreSQL.
 * Part of the server-by-database matrix, which runs with {@code mvn verify -Pmatrix}.
 */
@Tag("matrix")
class PayaraPostgresqlSmokeIT extends ServerSmokeTest {

    @RegisterExtension
    static final DeployedStorage STORAGE = new DeployedStorage(new PayaraMicroServer(), ScratchDatabase.Vendor.POSTGRESQL);

    @Override
    DeployedStorage storage() {
        return STORAGE;
    }
}
