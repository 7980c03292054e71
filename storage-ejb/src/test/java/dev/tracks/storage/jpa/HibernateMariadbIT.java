package dev.tracks.storage.jpa;

import dev.tracks.storage.jpa.ScratchDatabase.Vendor;

/**
 * Hibernate ORM 6.6 on the local MariaDB server.
 */
class HibernateMariadbIT extends BlobPersistenceContract {

    HibernateMariadbIT() {
        super(HIBERNATE, Vendor.MARIADB);
    }
}
