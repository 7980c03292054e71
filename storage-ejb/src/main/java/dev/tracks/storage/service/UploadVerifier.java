package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.ByteRange;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.Driver;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.StoredObject;
import dev.tracks.storage.content.ContentSniffer;
import dev.tracks.storage.io.ChecksumInputStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Checks a directly uploaded object against its pending row before the blob is activated, and
 * deletes the object when it does not match, so a refused upload leaves nothing behind.
 */
@ApplicationScoped
class UploadVerifier {

    @Inject
    Driver driver;

    private final ContentSniffer sniffer = new ContentSniffer();

    /**
     * Verifies size, MD5 and type of the blob's object, deleting the object if any differs.
     *
     * @throws IntegrityException if the object is missing, or its size, MD5 or type differs
     * @throws InvalidInputException if the detected type or size is not allowed by {@code rules}
     */
    void verifyOrDelete(Blob blob, AttachmentRules rules) {
        try {
            verify(blob, rules);
        } catch (IntegrityException | InvalidInputException e) {
            long started = System.nanoTime();
            driver.delete(blob.key());
            StorageEvents.deleted(blob.key(), driver.name(), (System.nanoTime() - started) / 1_000_000);
            throw e;
        }
    }

    private void verify(Blob blob, AttachmentRules rules) {
        StoredObject object = driver.stat(blob.key()).orElseThrow(() -> new IntegrityException(
                "No file was uploaded for blob " + blob.id() + ": PUT the file to the direct_upload URL before attaching it"));
        if (object.byteSize() != blob.byteSize()) {
            throw new IntegrityException("Uploaded file has " + object.byteSize() + " bytes but byte_size was declared as "
                    + blob.byteSize() + ": upload the declared file");
        }

        Checksum actual = object.reportedChecksum().orElseGet(() -> md5Of(blob.key()));
        if (!actual.equals(blob.checksum())) {
            throw new IntegrityException("Uploaded file's MD5 is " + actual + " but checksum was declared as " + blob.checksum()
                    + ": upload the declared file");
        }

        // An empty file has no bytes that could contradict its declared type.
        String detected = detect(blob);
        if (blob.byteSize() > 0 && !sniffer.agrees(blob.contentType(), detected)) {
            throw new IntegrityException("Uploaded file looks like '" + detected + "' but content_type was declared as '"
                    + blob.contentType() + "': declare the file's real type");
        }
        // Content Tika cannot identify satisfies only rules that accept any type: an image field
        // must receive bytes that are recognizably an image, whatever the client declared.
        rules.check("application/octet-stream".equals(detected) ? detected : blob.contentType(), object.byteSize());
    }

    // Stores that keep no MD5 (the disk driver) are read once in full; memory stays bounded.
    private Checksum md5Of(StorageKey key) {
        try (ChecksumInputStream in = ChecksumInputStream.of(openOrFail(key, null))) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.checksum();
        } catch (IOException e) {
            throw new StorageException("Cannot read key '" + key + "' to verify its checksum: " + e.getMessage(), e);
        }
    }

    private String detect(Blob blob) {
        if (blob.byteSize() == 0) {
            return "application/octet-stream";
        }
        ByteRange prefix = new ByteRange(0, Math.min(blob.byteSize(), ContentSniffer.PREFIX_LENGTH) - 1);
        try (InputStream in = new BufferedInputStream(openOrFail(blob.key(), prefix), ContentSniffer.PREFIX_LENGTH + 1)) {
            return sniffer.detect(in, blob.filename());
        } catch (IOException e) {
            throw new StorageException("Cannot read key '" + blob.key() + "' to detect its type: " + e.getMessage(), e);
        }
    }

    private InputStream openOrFail(StorageKey key, ByteRange range) {
        return driver.open(key, range).orElseThrow(() -> new IntegrityException(
                "The uploaded file under key '" + key + "' disappeared during verification: upload it again"));
    }
}
