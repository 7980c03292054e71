package dev.tracks.storage.service;

import dev.tracks.storage.tenant.TenantContext;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PreRemove;
import java.util.List;

/**
 * A JPA entity listener that purges an owner's attached blobs once the owner's removal commits.
 * Register it with {@code @EntityListeners(AttachmentListener.class)} on the entity.
 *
 * <p>It only reads the owner's {@code @Attachment} fields and fires {@link OwnerRemoved}: a JPA
 * callback must not use the entity manager, so the rows and objects are deleted after the commit,
 * and a rollback keeps them. To delete the rows in the owner's own transaction instead, call
 * {@link Attachments#purgeAll} before removing the owner.
 */
public class AttachmentListener {

    @PreRemove
    public void releaseAttachments(Object owner) {
        List<Long> ids = AttachmentField.allOf(owner.getClass()).stream().flatMap(field -> field.blobIds(owner).stream()).toList();
        if (ids.isEmpty()) {
            return;
        }

        // Looked up rather than injected: not every JPA provider injects into entity listeners.
        CDI<Object> cdi = CDI.current();
        cdi.getBeanManager().getEvent().select(OwnerRemoved.class)
                .fire(new OwnerRemoved(cdi.select(TenantContext.class).get().current(), ids));
    }
}
