package dev.tracks.storage.jpa;

import dev.tracks.storage.jpa.ScratchDatabase.Vendor;

/**
 * Hibernate ORM 6.6 on embedded H2.
 */
class HibernateH2IT extends BlobPersistenceContract {

    HibernateH2IT() {
        super(HIBERNATE, Vendor.H2);
    }
}
