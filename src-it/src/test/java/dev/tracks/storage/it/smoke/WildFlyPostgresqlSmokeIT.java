package dev.tracks.storage.it.smoke;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServerSmokeTest} on WildFly (Hibernate) over PostgreSQL.
 * Part of the default build.
 */
class WildFlyPostgresqlSmokeIT extends ServerSmokeTest {

    @RegisterExtension
    static final DeployedStorage STORAGE = new DeployedStorage(new WildFlyServer(), ScratchDatabase.Vendor.POSTGRESQL);

    @Override
    DeployedStorage storage() {
        return STORAGE;
    }
}
