package dev.tracks.storage.jpa;

import dev.tracks.storage.jpa.ScratchDatabase.Vendor;

/**
 * Hibernate ORM 6.6 on the local PostgreSQL server.
 */
class HibernatePostgresqlIT extends BlobPersistenceContract {

    HibernatePostgresqlIT() {
        super(HIBERNATE, Vendor.POSTGRESQL);
    }
}
