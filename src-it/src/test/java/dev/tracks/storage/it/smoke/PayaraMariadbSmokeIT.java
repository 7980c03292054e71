package dev.tracks.storage.it.smoke;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServerSmokeTest} on Payara Micro (EclipseLink) over MariaDB.
 * Part of the default build.
 */
class PayaraMariadbSmokeIT extends ServerSmokeTest {

    @RegisterExtension
    static final DeployedStorage STORAGE = new DeployedStorage(new PayaraMicroServer(), ScratchDatabase.Vendor.MARIADB);

    @Override
    DeployedStorage storage() {
        return STORAGE;
    }
}
