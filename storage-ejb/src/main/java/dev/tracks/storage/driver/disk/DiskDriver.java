package dev.tracks.storage.driver.disk;

import dev.tracks.storage.ByteRange;
import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.DriverConfigurationException;
import dev.tracks.storage.InvalidKeyException;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.StoredObject;
import dev.tracks.storage.UploadConstraints;
import dev.tracks.storage.io.LimitedInputStream;
import dev.tracks.storage.signing.TokenSigner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps objects as files under a root folder, at {@code {root}/{key}}, so tenant folders show on
 * disk.
 *
 * <p>Writes go to a hidden temporary file in the target folder, are forced to disk, and are then
 * linked under their key in one step, so readers never see a partial file and an existing key is
 * never overwritten. Signed URLs point at the application's own disk endpoint
 * ({@code storage/disk/{token}}), which checks an HMAC token instead of a cloud signature.
 */
public final class DiskDriver implements Driver {

    private static final String TEMP_PREFIX = ".upload-";

    // Large enough that a write costs few system calls; one buffer per upload in flight.
    private static final int WRITE_BUFFER_SIZE = 128 * 1024;

    private final Path root;
    private final DiskTokens tokens;
    private final URI endpoint;
    private final Clock clock;

    /**
     * Creates a driver.
     *
     * @param root the folder that contains every object; created if missing
     * @param signer signs and verifies the endpoint's tokens
     * @param endpoint the disk endpoint's URL, ending in a slash; relative to the application's
     *     root unless the application is reached through another host
     * @param clock the source of expiry times
     */
    public DiskDriver(Path root, TokenSigner signer, URI endpoint, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.tokens = new DiskTokens(signer);
        this.endpoint = endpoint;
        this.clock = clock;
        createRoot();
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public void put(StorageKey key, InputStream content, String contentType) {
        Path target = pathFor(key);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".tmp");

            writeDurably(content, temp);
            publish(temp, target);
        } catch (FileAlreadyExistsException e) {
            throw new StorageException("Cannot store key '" + key + "' with DiskDriver: an object with this key exists", e);
        } catch (IOException e) {
            throw new StorageException("Cannot store key '" + key + "' with DiskDriver under " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<InputStream> open(StorageKey key, ByteRange range) {
        Path path = pathFor(key);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            if (range == null) {
                return Optional.of(Channels.newInputStream(channel));
            }
            channel.position(range.first());
            return Optional.of(new LimitedInputStream(Channels.newInputStream(channel), range.length()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("Cannot open key '" + key + "' with DiskDriver: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(StorageKey key) {
        try {
            Files.deleteIfExists(pathFor(key));
        } catch (IOException e) {
            throw new StorageException("Cannot delete key '" + key + "' with DiskDriver: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> stat(StorageKey key) {
        try {
            return Optional.of(new StoredObject(key, Files.size(pathFor(key))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("Cannot read the size of key '" + key + "' with DiskDriver: " + e.getMessage(), e);
        }
    }

    /**
     * Signs a URL of the disk endpoint; the token carries the response's content type and
     * disposition, so the endpoint serves exactly what was signed.
     */
    @Override
    public SignedUrl signDownload(StorageKey key, Duration expiry, ContentDisposition disposition, String contentType) {
        Instant expiresAt = clock.instant().plus(expiry);

        String token = tokens.signDownload(key, contentType, disposition.headerValue(), expiresAt);

        return new SignedUrl(endpoint.resolve(token), expiresAt, Map.of());
    }

    /**
     * Signs a {@code PUT} URL of the disk endpoint; the endpoint rejects a body whose type, length
     * or MD5 differs from {@code constraints}.
     */
    @Override
    public SignedUrl signUpload(StorageKey key, Duration expiry, UploadConstraints constraints) {
        Instant expiresAt = clock.instant().plus(expiry);

        String token = tokens.signUpload(key, constraints, expiresAt);

        Map<String, String> headers = Map.of(
                "Content-Type", constraints.contentType(),
                "Content-MD5", constraints.checksum().base64());
        return new SignedUrl(endpoint.resolve(token), expiresAt, headers);
    }

    /**
     * Verifies a token of the disk endpoint's {@code GET}.
     *
     * @throws dev.tracks.storage.InvalidSignatureException if the token is invalid, expired or
     *     not a download token
     */
    public DownloadGrant verifyDownload(String token) {
        return tokens.verifyDownload(token);
    }

    /**
     * Verifies a token of the disk endpoint's {@code PUT}.
     *
     * @throws dev.tracks.storage.InvalidSignatureException if the token is invalid, expired or
     *     not an upload token
     */
    public UploadGrant verifyUpload(String token) {
        return tokens.verifyUpload(token);
    }

    /**
     * Returns the root folder, absolute and normalized.
     */
    public Path root() {
        return root;
    }

    // The key's own checks already rule out '..' and absolute paths. This second check still
    // protects the root if those rules are ever loosened.
    private Path pathFor(StorageKey key) {
        Path path = root.resolve(key.value()).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new InvalidKeyException("Storage key '" + key + "' resolves outside the disk root " + root);
        }
        return path;
    }

    // Fills the buffer before each write: a multipart parser returns about 8 KiB per read, and
    // writing each read as it comes costs several times the system calls.
    private static void writeDurably(InputStream content, Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER_SIZE);
            int n;
            while ((n = content.readNBytes(buffer.array(), 0, buffer.capacity())) > 0) {
                buffer.limit(n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                buffer.clear();
            }
            channel.force(true);
        }
    }

    // A hard link fails if the key exists, so an object is never replaced. Filesystems without
    // hard links fall back to an atomic rename after an existence check.
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (UnsupportedOperationException e) {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        forceFolder(target.getParent());
    }

    // Makes the new directory entry durable; some platforms cannot open a folder for syncing,
    // and there the file's own force is all we can do.
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here: the entry becomes durable with the next sync of the filesystem.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            System.getLogger(DiskDriver.class.getName()).log(System.Logger.Level.WARNING,
                    "Cannot delete temporary file " + temp + ": " + e.getMessage());
        }
    }

    private void createRoot() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new DriverConfigurationException("Cannot create the disk root " + root + ": check storage.disk.root and its"
                    + " permissions", e);
        }
    }
}
