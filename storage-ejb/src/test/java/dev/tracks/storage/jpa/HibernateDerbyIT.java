package dev.tracks.storage.jpa;

import dev.tracks.storage.jpa.ScratchDatabase.Vendor;

/**
 * Hibernate ORM 6.6 on embedded Derby.
 */
class HibernateDerbyIT extends BlobPersistenceContract {

    HibernateDerbyIT() {
        super(HIBERNATE, Vendor.DERBY);
    }
}
