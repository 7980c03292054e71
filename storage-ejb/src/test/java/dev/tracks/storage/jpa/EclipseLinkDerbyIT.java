package dev.tracks.storage.jpa;

import dev.tracks.storage.jpa.ScratchDatabase.Vendor;

/**
 * EclipseLink 4.0, the provider of Open Liberty's persistence-3.1 feature, on embedded Derby.
 */
class EclipseLinkDerbyIT extends BlobPersistenceContract {

    EclipseLinkDerbyIT() {
        super(ECLIPSELINK, Vendor.DERBY);
    }
}
