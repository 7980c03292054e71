package dev.tracks.storage.driver.gcs;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobSourceOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.io.ChecksumInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Streams objects into a bucket through resumable sessions, hashing them on the way and checking
 * the stored size and MD5 afterwards.
 *
 * <p>A session is opened with a create-only precondition and buffers at most {@link #CHUNK_SIZE}
 * bytes in memory. Only closing it finalizes the upload, so the session is closed after the last
 * byte and abandoned on any failure.
 */
final class GcsUploader {

    /**
     * Bytes sent per request of a resumable upload, and so the memory one upload buffers. GCS needs
     * a multiple of 256 KiB.
     */
    static final int CHUNK_SIZE = 8 * 1024 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Storage storage;
    private final String bucket;
    private final GcsErrors errors;

    GcsUploader(Storage storage, String bucket, GcsErrors errors) {
        this.storage = storage;
        this.bucket = bucket;
        this.errors = errors;
    }

    /**
     * Stores {@code content} under {@code key}, reading it to the end without closing it.
     *
     * @throws StorageException if the key exists or GCS fails; the exception of {@code content},
     *     such as an {@link IntegrityException}, passes through unchanged
     */
    void upload(StorageKey key, InputStream content, String contentType) {
        BlobInfo info = BlobInfo.newBuilder(blobIdFor(key)).setContentType(contentType).build();
        WriteChannel session = openSession(key, info);

        ChecksumInputStream hashed = ChecksumInputStream.of(content);
        try {
            send(key, hashed, session);
            session.close();
        } catch (com.google.cloud.storage.StorageException e) {
            // Closing the session finalizes the upload, and the SDK reports a failure there as an
            // unchecked exception.
            StorageException failure = errors.translate("store", key, e);
            discardFailedUpload(key, failure);
            throw failure;
        } catch (RuntimeException e) {
            discardFailedUpload(key, e);
            throw e;
        } catch (IOException e) {
            StorageException failure = errors.translate("store", key, e);
            discardFailedUpload(key, failure);
            throw failure;
        }

        verifyStored(key, hashed.byteSize(), hashed.checksum());
    }

    private BlobId blobIdFor(StorageKey key) {
        return BlobId.of(bucket, key.value());
    }

    private WriteChannel openSession(StorageKey key, BlobInfo info) {
        try {
            WriteChannel session = storage.writer(info, BlobWriteOption.doesNotExist());
            session.setChunkSize(CHUNK_SIZE);
            return session;
        } catch (com.google.cloud.storage.StorageException e) {
            throw errors.translate("store", key, e);
        }
    }

    // Leaves the session open: closing it would finalize the upload and publish the object.
    private void send(StorageKey key, InputStream content, WriteChannel session) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int n = readContent(key, content, buffer); n != -1; n = readContent(key, content, buffer)) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                session.write(chunk);
            }
        }
    }

    private int readContent(StorageKey key, InputStream content, byte[] buffer) {
        try {
            return content.read(buffer);
        } catch (IOException e) {
            throw new StorageException(errors.cannot("store", key) + "reading the content failed: " + e.getMessage(), e);
        }
    }

    // GCS publishes an object only when its session is finalized, so an abandoned session leaves
    // nothing visible there. The delete covers stores that show the object earlier: the in-memory
    // LocalStorageHelper registers it when the session opens. A failed precondition means that
    // another upload's object exists under the key, and that object is left alone.
    // NOTE: an unfinished upload has no generation to match, so this delete would also remove an
    // object that another upload of the same key finalized meanwhile. Generated keys rule that out.
    private void discardFailedUpload(StorageKey key, RuntimeException failure) {
        if (GcsErrors.codeOf(failure) == GcsErrors.PRECONDITION_FAILED) {
            return;
        }
        try {
            storage.delete(blobIdFor(key));
        } catch (com.google.cloud.storage.StorageException e) {
            failure.addSuppressed(e);
        }
    }

    private void verifyStored(StorageKey key, long byteSize, Checksum sent) {
        Blob stored;
        try {
            stored = storage.get(blobIdFor(key));
        } catch (com.google.cloud.storage.StorageException e) {
            throw errors.translate("verify", key, e);
        }
        if (stored == null) {
            throw new StorageException(errors.cannot("store", key) + "the object is missing right after its upload was finalized");
        }

        boolean sizeDiffers = stored.getSize() != byteSize;
        // NOTE: LocalStorageHelper reports no MD5, so there only the size is compared; GCS reports
        // one for every object written by a single upload.
        boolean md5Differs = stored.getMd5() != null && !stored.getMd5().equals(sent.base64());
        if (sizeDiffers || md5Differs) {
            IntegrityException failure = new IntegrityException(errors.cannot("store", key) + "GCS stored " + stored.getSize()
                    + " bytes with MD5 " + stored.getMd5() + " but the driver sent " + byteSize + " bytes with MD5 " + sent
                    + "; the object was deleted, retry the upload");
            deleteGeneration(stored, failure);
            throw failure;
        }
    }

    private void deleteGeneration(Blob stored, IntegrityException failure) {
        try {
            storage.delete(stored.getBlobId(), BlobSourceOption.generationMatch(stored.getGeneration()));
        } catch (com.google.cloud.storage.StorageException e) {
            failure.addSuppressed(e);
        }
    }
}
