package dev.tracks.storage.it.app;

import dev.tracks.storage.ByteRange;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.StoredObject;
import dev.tracks.storage.UploadConstraints;
import dev.tracks.storage.config.StorageConfig;
import dev.tracks.storage.driver.disk.DiskDriver;
import dev.tracks.storage.signing.TokenSigner;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The disk driver, except that a put can store its bytes and then report a failure, as an S3 write
 * does when its response is lost and the SDK's retry finds the object. A test WAR that adds this
 * class uses it in place of the configured driver.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@Dependent
public class LostResponseDriver implements Driver {

    // Static: each injection point gets its own instance of a dependent bean.
    private static final AtomicBoolean LOSE_NEXT_RESPONSE = new AtomicBoolean();

    private final DiskDriver disk;

    @Inject
    public LostResponseDriver(StorageConfig config, TokenSigner signer) {
        this.disk = new DiskDriver(config.diskRoot(), signer, config.diskEndpoint(), Clock.systemUTC());
    }

    /** Makes the next put store its bytes and then throw. */
    public void loseNextResponse() {
        LOSE_NEXT_RESPONSE.set(true);
    }

    /** Returns the disk root the bytes are stored under. */
    public Path root() {
        return disk.root();
    }

    @Override
    public String name() {
        return "lost-response";
    }

    @Override
    public void put(StorageKey key, InputStream content, String contentType) {
        disk.put(key, content, contentType);

        if (LOSE_NEXT_RESPONSE.getAndSet(false)) {
            throw new StorageException("Cannot store key '" + key + "': the response was lost and the retry found the object");
        }
    }

    @Override
    public Optional<InputStream> open(StorageKey key, ByteRange range) {
        return disk.open(key, range);
    }

    @Override
    public void delete(StorageKey key) {
        disk.delete(key);
    }

    @Override
    public Optional<StoredObject> stat(StorageKey key) {
        return disk.stat(key);
    }

    @Override
    public SignedUrl signDownload(StorageKey key, Duration expiry, ContentDisposition disposition, String contentType) {
        return disk.signDownload(key, expiry, disposition, contentType);
    }

    @Override
    public SignedUrl signUpload(StorageKey key, Duration expiry, UploadConstraints constraints) {
        return disk.signUpload(key, expiry, constraints);
    }
}
