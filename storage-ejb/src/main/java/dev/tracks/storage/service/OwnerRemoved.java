package dev.tracks.storage.service;

import dev.tracks.storage.TenantId;
import java.util.List;

/**
 * Fired when an entity holding attachments is removed; {@link OwnerRemovalCleanup} purges the
 * blobs once the removal commits.
 *
 * @param tenant the owner's tenant
 * @param blobIds the ids its {@code @Attachment} fields held
 */
public record OwnerRemoved(TenantId tenant, List<Long> blobIds) {

    public OwnerRemoved {
        blobIds = List.copyOf(blobIds);
    }
}
