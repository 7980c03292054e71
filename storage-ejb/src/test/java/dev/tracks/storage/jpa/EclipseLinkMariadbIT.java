package dev.tracks.storage.jpa;

import dev.tracks.storage.jpa.ScratchDatabase.Vendor;

/**
 * EclipseLink 4.0, the provider of Open Liberty's persistence-3.1 feature, on the local MariaDB server.
 */
class EclipseLinkMariadbIT extends BlobPersistenceContract {

    EclipseLinkMariadbIT() {
        super(ECLIPSELINK, Vendor.MARIADB);
    }
}
