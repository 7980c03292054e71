package dev.tracks.storage.web;

import dev.tracks.storage.Blob;
import dev.tracks.storage.MalformedRequestException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.UploadTooLargeException;
import dev.tracks.storage.config.StorageConfig;
import dev.tracks.storage.config.UploadLimits;
import dev.tracks.storage.service.AttachmentRules;
import dev.tracks.storage.service.StorageService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code multipart/form-data} request as a stream: the file part goes straight from the
 * request body into {@link StorageService#attach}, and the other fields are collected.
 *
 * <p>The container never spools the file to a temporary file first, so each byte is read once,
 * hashed once and written once. The limits in {@code storage.upload.*} are enforced while reading;
 * crossing one stops the upload with 413 and nothing is kept. If any part after the file fails,
 * the stored file is purged again at once, even inside a caller's transaction.
 * {@link MultipartStream} parses the body; parts without a {@code form-data} name are skipped but
 * count against {@code storage.upload.max-parts}.
 */
@RequestScoped
@TenantScoped
public class MultipartUploads {

    /** Largest plain form field, in bytes. */
    static final int MAX_FIELD_SIZE = 64 * 1024;

    private static final Set<String> UPLOAD_METHODS = Set.of("POST", "PUT", "PATCH");

    private static final System.Logger LOG = System.getLogger(MultipartUploads.class.getName());

    @Inject
    StorageService storage;

    @Inject
    StorageConfig config;

    /**
     * Stores the request's file part as a new blob of the caller's tenant and returns it with the
     * plain fields.
     *
     * @throws MalformedRequestException if the request is not multipart, is cut short, has no
     *     file part, or has more than one
     * @throws UploadTooLargeException if the request crosses a {@code storage.upload.*} limit
     * @throws StorageException if the store fails
     */
    public ReceivedUpload receive(HttpServletRequest request) {
        return receive(request, AttachmentRules.defaults(config));
    }

    /**
     * Stores the request's file part like {@link #receive(HttpServletRequest)}, refusing a file
     * that {@code rules} do not allow while it streams, before anything is kept: pass an
     * attachment's rules ({@code Attachments.rulesFor(Product.class, "imageBlobId")}) when the
     * upload is meant for it.
     *
     * @throws dev.tracks.storage.InvalidInputException if the detected type is not allowed
     * @throws UploadTooLargeException if the file exceeds {@code rules.maxSize()} or a request limit
     */
    public ReceivedUpload receive(HttpServletRequest request, AttachmentRules rules) {
        UploadLimits limits = config.uploadLimits();
        byte[] boundary = requireMultipart(request);
        Parts parts = new Parts(limits, rules);

        try {
            requireDeclaredSize(request, limits);
            MultipartStream multipart = new MultipartStream(request.getInputStream(), boundary, limits);
            for (Optional<FormPart> part = multipart.nextPart(); part.isPresent(); part = multipart.nextPart()) {
                parts.accept(part.get());
            }
        } catch (IOException e) {
            parts.discard();
            throw translate(e, limits);
        } catch (RuntimeException e) {
            parts.discard();
            throw parts.clientFailure().<RuntimeException>map(failure -> translate(failure, limits)).orElse(e);
        }

        return parts.toUpload();
    }

    private static byte[] requireMultipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (!UPLOAD_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT)) || !MultipartBoundary.isFormData(contentType)) {
            throw new MalformedRequestException("Content-Type", "Request is not multipart/form-data: send the file as a"
                    + " multipart/form-data POST, for example curl -F 'file=@report.pdf'");
        }
        return MultipartBoundary.of(contentType).orElseThrow(() -> new MalformedRequestException("Content-Type", "Content-Type has"
                + " no valid boundary parameter: send 1 to " + MultipartBoundary.MAX_LENGTH + " letters, digits or '()+_,-./:=?"
                + " as in RFC 2046, quoted or not"));
    }

    // Rejects a body whose declared length is over the limit before reading any of it.
    private static void requireDeclaredSize(HttpServletRequest request, UploadLimits limits) throws MultipartLimitException {
        long declared = request.getContentLengthLong();
        if (declared > limits.maxRequestSize()) {
            throw new MultipartLimitException("Request body of " + declared + " bytes is larger than " + limits.maxRequestSize()
                    + " bytes (storage.upload.max-request-size): send a smaller file");
        }
    }

    private static StorageException translate(IOException e, UploadLimits limits) {
        if (e instanceof MultipartLimitException tooLarge) {
            return new UploadTooLargeException(limits.partName(), "Upload exceeds a limit: " + tooLarge.getMessage(), e);
        }
        if (e instanceof MalformedMultipartException) {
            return new MalformedRequestException(limits.partName(), "Multipart body is malformed: " + e.getMessage()
                    + ". Send a well-formed multipart/form-data request", e);
        }
        return new MalformedRequestException(limits.partName(), "Request body could not be read to its end: " + e.getMessage()
                + ". Send the upload again", e);
    }

    /** The parts read so far: the one stored file and the plain fields. */
    private final class Parts {

        private final UploadLimits limits;
        private final AttachmentRules rules;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private Blob blob;
        private RequestBody fileBody;

        Parts(UploadLimits limits, AttachmentRules rules) {
            this.limits = limits;
            this.rules = rules;
        }

        void accept(FormPart part) throws IOException {
            String name = part.headers().name();
            if (name == null) {
                return;
            }

            if (limits.partName().equals(name)) {
                store(part);
            } else if (part.headers().filename() == null) {
                fields.putIfAbsent(name, readField(part));
            } else if (isUnusedFileInput(part)) {
                return;
            } else {
                throw new MalformedRequestException(name, "Part '" + name + "' is a file, but only one file is accepted, in"
                        + " part '" + limits.partName() + "': send one file per request");
            }
        }

        ReceivedUpload toUpload() {
            if (blob == null) {
                throw new MalformedRequestException(limits.partName(), "Request has no file part named '" + limits.partName()
                        + "': send the file as multipart/form-data field '" + limits.partName() + "'");
            }
            return new ReceivedUpload(blob, fields);
        }

        /**
         * Returns the read failure of the file's body, if any: a store failure caused by the
         * request body (a limit crossed, a client gone) is the client's, not the store's.
         */
        Optional<IOException> clientFailure() {
            return Optional.ofNullable(fileBody).map(RequestBody::failure);
        }

        // Purges the file stored before a later part failed, at once: a caller's transaction is
        // about to roll back with the failure, and would take a deferred purge with it. A purge
        // that fails leaves the blob to the sweeper and must not hide the client's error.
        void discard() {
            if (blob == null) {
                return;
            }
            try {
                storage.purgeNow(blob);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot clean up blob of failed upload key=" + blob.key() + ": it is left behind", e);
            }
        }

        private void store(FormPart part) {
            String name = part.headers().name();
            String filename = part.headers().filename();
            if (blob != null) {
                throw new MalformedRequestException(name, "Request has more than one part named '" + name + "': send one file per"
                        + " request");
            }
            if (filename != null && filename.indexOf('\0') >= 0) {
                throw new MalformedRequestException("filename", "Filename of part '" + name + "' contains a NUL byte: send the"
                        + " file's plain name");
            }
            if (filename == null || filename.isBlank()) {
                throw new MalformedRequestException(name, "Part '" + name + "' has no filename: choose a file, or send it with a"
                        + " filename, for example curl -F 'file=@report.pdf'");
            }

            fileBody = new RequestBody(part.content());
            blob = storage.attach(fileBody, filename, part.headers().contentType(), rules);
        }

        // A browser sends a file input left empty as a part with an empty filename and no bytes.
        private static boolean isUnusedFileInput(FormPart part) throws IOException {
            return part.headers().filename().isEmpty() && part.content().read() == -1;
        }

        private String readField(FormPart part) throws IOException {
            byte[] value = part.content().readNBytes(MAX_FIELD_SIZE + 1);
            if (value.length > MAX_FIELD_SIZE) {
                throw new MultipartLimitException("Field '" + part.headers().name() + "' is longer than " + MAX_FIELD_SIZE + " bytes: send"
                        + " long text as a file");
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }
}
