package dev.tracks.storage.it.app;

import dev.tracks.storage.InvalidInputException;
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
     *
     * @throws InvalidInputException if the name is blank, after the image is stored
     */
    @Transactional
    public Gadget create(HttpServletRequest request) {
        ReceivedUpload upload = uploads.receive(request, attachments.rulesFor(Gadget.class, "imageBlobId"));
        String name = upload.fields().getOrDefault("name", "");

        Gadget gadget = gadgets.create(name);
        if (name.isBlank()) {
            throw new InvalidInputException("name", "Gadget name is blank: fill in the 'name' field");
        }
        attachments.attach(gadget, "imageBlobId", upload.blob());

        return gadget;
    }
}
