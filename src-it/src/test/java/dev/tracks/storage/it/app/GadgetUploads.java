package dev.tracks.storage.it.app;

import dev.tracks.storage.service.Attachments;
import dev.tracks.storage.web.MultipartUploads;
import dev.tracks.storage.web.ReceivedUpload;
import dev.tracks.storage.web.TenantScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;

/**
 * Creates a gadget from a multipart form with its image, receiving the upload inside the
 * transaction that stores the gadget: the way an application writes it when the two must commit
 * together.
 */
@RequestScoped
@TenantScoped
public class GadgetUploads {

    @Inject
    MultipartUploads uploads;

    @Inject
    Attachments attachments;

    @Inject
    Gadgets gadgets;

    /**
     * Stores the form's image and a gadget named by its {@code name} field, in one transaction.
     */
    @Transactional
    public Gadget create(HttpServletRequest request) {
        ReceivedUpload upload = uploads.receive(request, attachments.rulesFor(Gadget.class, "imageBlobId"));

        Gadget gadget = gadgets.create(upload.fields().getOrDefault("name", "unnamed"));
        attachments.attach(gadget, "imageBlobId", upload.blob());

        return gadget;
    }
}
