package dev.tracks.storage.web;

import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.Driver;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.MalformedRequestException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.StoredObject;
import dev.tracks.storage.UploadConstraints;
import dev.tracks.storage.driver.disk.DiskDriver;
import dev.tracks.storage.driver.disk.DownloadGrant;
import dev.tracks.storage.driver.disk.UploadGrant;
import dev.tracks.storage.io.ChecksumInputStream;
import dev.tracks.storage.service.DirectUploads;
import dev.tracks.storage.service.StorageEvents;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The disk driver's endpoint: {@code GET /storage/disk/{token}} serves an object and
 * {@code PUT /storage/disk/{token}} accepts a direct upload. The token is the only credential, so
 * the path needs no login; a bad, tampered or expired token gets 404.
 *
 * <p>Downloads carry the signed {@code Content-Type} and {@code Content-Disposition},
 * {@code X-Content-Type-Options: nosniff}, and support one byte range. Uploads must match the
 * token's type, length and MD5, or they get 422 and nothing is kept. An upload whose blob was
 * deleted gets 404. With another driver selected every request gets 404.
 */
@WebServlet(name = "TracksStorageDisk", urlPatterns = "/storage/disk/*")
public class DiskServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Driver driver;

    @Inject
    transient DirectUploads directUploads;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            DiskDriver disk = diskDriver();
            DownloadGrant grant = disk.verifyDownload(tokenOf(request));
            StoredObject object = disk.stat(grant.key()).orElseThrow(() -> new BlobNotFoundException("Object not found"));

            serve(disk, grant, object, request, response);
        } catch (StorageException e) {
            StorageErrors.write(response, e);
        }
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestBody body = new RequestBody(request.getInputStream());
        try {
            DiskDriver disk = diskDriver();
            UploadGrant grant = disk.verifyUpload(tokenOf(request));
            requireDeclaredHeaders(request, grant.constraints());

            store(disk, grant, body);
        } catch (StorageException e) {
            StorageErrors.write(response, body.failure() == null || e instanceof IntegrityException ? e : clientGone(body.failure()));
            return;
        }

        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static void serve(DiskDriver disk, DownloadGrant grant, StoredObject object, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String uuid = grant.key().value().substring(grant.key().value().lastIndexOf('/') + 1);
        ObjectResponse.ServedObject served = new ObjectResponse.ServedObject(object.byteSize(), grant.contentType(),
                grant.disposition(), "\"" + uuid + "\"", secondsUntil(grant.expiresAt()));
        ObjectResponse plan = ObjectResponse.plan(served, new ObjectResponse.Conditions(request.getHeader("Range"),
                request.getHeader("If-Range"), request.getHeader("If-None-Match")));

        response.setStatus(plan.status());
        plan.headers().forEach(response::setHeader);
        if (!plan.hasBody()) {
            return;
        }
        try (InputStream in = disk.open(grant.key(), plan.range()).orElseThrow(() -> new BlobNotFoundException("Object not found"));
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private void store(DiskDriver disk, UploadGrant grant, RequestBody body) {
        UploadConstraints constraints = grant.constraints();
        requireReserved(grant.key());
        if (disk.stat(grant.key()).isPresent()) {
            verifyRetriedBody(body, constraints);
            return;
        }

        long started = System.nanoTime();
        putOrJoin(disk, grant, body);
        deleteIfReleased(disk, grant.key());

        StorageEvents.uploaded(grant.key(), disk.name(), constraints.byteSize(), (System.nanoTime() - started) / 1_000_000);
    }

    // An upload URL outlives a deleted blob; storing under its key would leave a file no row
    // accounts for and no sweep finds.
    private void requireReserved(StorageKey key) {
        if (!directUploads.isReserved(key)) {
            throw new BlobNotFoundException("Blob of this upload URL was deleted: request a new direct upload");
        }
    }

    // Two PUTs to one URL can both pass the stat above. The body of each matched the same MD5,
    // so the one that finds the other's object stored succeeds, as a retried PUT does.
    private static void putOrJoin(DiskDriver disk, UploadGrant grant, RequestBody body) {
        UploadConstraints constraints = grant.constraints();
        try {
            disk.put(grant.key(), ChecksumInputStream.expecting(body, constraints.byteSize(), constraints.checksum()),
                    constraints.contentType());
        } catch (StorageException e) {
            if (e instanceof IntegrityException || body.failure() != null || disk.stat(grant.key()).isEmpty()) {
                throw e;
            }
        }
    }

    // A blob deleted while its upload was running had no file yet to remove. The file is removed
    // here instead.
    private void deleteIfReleased(DiskDriver disk, StorageKey key) {
        if (directUploads.isReserved(key)) {
            return;
        }
        disk.delete(key);
        throw new BlobNotFoundException("Blob of this upload URL was deleted during the upload: request a new direct upload");
    }

    // A retried PUT finds the object stored, so it only checks the body against the token. A
    // different body gets the same 422 a first PUT would, and the object is never replaced.
    private static void verifyRetriedBody(InputStream body, UploadConstraints constraints) {
        try (InputStream verified = ChecksumInputStream.expecting(body, constraints.byteSize(), constraints.checksum())) {
            verified.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new MalformedRequestException("body", "Request body could not be read to its end: " + e.getMessage()
                    + ". Send the upload again", e);
        }
    }

    // Checks what the client declared before reading a byte, so a mismatch costs no transfer.
    private static void requireDeclaredHeaders(HttpServletRequest request, UploadConstraints constraints) {
        String contentType = request.getContentType() == null ? "" : request.getContentType().split(";", 2)[0].strip();
        if (!contentType.toLowerCase(Locale.ROOT).equals(constraints.contentType())) {
            throw new IntegrityException("Content-Type is '" + contentType + "' but the URL was signed for '" + constraints.contentType()
                    + "': send the headers returned with the URL");
        }
        long length = request.getContentLengthLong();
        if (length >= 0 && length != constraints.byteSize()) {
            throw new IntegrityException("Content-Length is " + length + " but the URL was signed for " + constraints.byteSize()
                    + " bytes: send exactly the declared file");
        }
        String md5 = request.getHeader("Content-MD5");
        if (md5 != null && !md5.strip().equals(constraints.checksum().base64())) {
            throw new IntegrityException("Content-MD5 is '" + md5 + "' but the URL was signed for '" + constraints.checksum()
                    + "': send the headers returned with the URL");
        }
    }

    private DiskDriver diskDriver() {
        if (driver instanceof DiskDriver disk) {
            return disk;
        }
        throw new InvalidSignatureException("The disk endpoint is off: storage.driver is '" + driver.name() + "'");
    }

    private static String tokenOf(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new InvalidSignatureException("Disk URL has no token");
        }
        return path.substring(1);
    }

    private static long secondsUntil(Instant expiresAt) {
        return Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
    }

    private static StorageException clientGone(IOException failure) {
        return new MalformedRequestException("body", "Request body could not be read to its end: "
                + failure.getMessage() + ". Send the upload again", failure);
    }
}
