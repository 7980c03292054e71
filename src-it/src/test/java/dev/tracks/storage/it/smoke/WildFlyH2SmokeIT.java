package dev.tracks.storage.it.smoke;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServerSmokeTest} on WildFly (Hibernate) over an H2 file database.
 * Part of the server-by-database matrix, which runs with {@code mvn verify -Pmatrix}.
 */
@Tag("matrix")
class WildFlyH2SmokeIT extends ServerSmokeTest {

    @RegisterExtension
    static final DeployedStorage STORAGE = new DeployedStorage(new WildFlyServer(), ScratchDatabase.Vendor.H2);

    @Override
    DeployedStorage storage() {
        return STORAGE;
    }
}
