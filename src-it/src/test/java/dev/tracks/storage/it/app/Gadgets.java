package dev.tracks.storage.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Saves, loads and removes gadgets through the test WAR's persistence unit. Every method joins the
 * caller's transaction and needs one, so a test decides itself whether the work commits or rolls
 * back.
 */
@ApplicationScoped
public class Gadgets {

    @PersistenceContext
    EntityManager entityManager;

    /**
     * Persists a new gadget and flushes, so it has its id.
     */
    public Gadget create(String name) {
        Gadget gadget = new Gadget(name);

        entityManager.persist(gadget);
        entityManager.flush();

        return gadget;
    }

    /**
     * Returns the managed gadget with this id.
     *
     * @throws IllegalStateException if there is none
     */
    public Gadget find(long id) {
        Gadget gadget = entityManager.find(Gadget.class, id);
        if (gadget == null) {
            throw new IllegalStateException("Gadget " + id + " not found");
        }
        return gadget;
    }

    /**
     * Removes the gadget with this id, which fires its {@code AttachmentListener}.
     */
    public void remove(long id) {
        entityManager.remove(find(id));
    }
}
