package dev.tracks.storage.jpa;

import dev.tracks.storage.jpa.ScratchDatabase.Vendor;

/**
 * EclipseLink 4.0, the provider of Open Liberty's persistence-3.1 feature, on embedded H2. The
 * database runs in H2's LEGACY mode: after inserting into an identity column EclipseLink 4.0.9 reads
 * the id with {@code CALL IDENTITY()}, a function that H2 2.x dropped from its default mode.
 */
class EclipseLinkH2IT extends BlobPersistenceContract {

    EclipseLinkH2IT() {
        super(ECLIPSELINK, Vendor.H2_LEGACY);
    }
}
