package dev.tracks.storage.service;

import dev.tracks.storage.Blob;
import dev.tracks.storage.Driver;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.content.ContentSniffer;
import dev.tracks.storage.io.ChecksumInputStream;
import dev.tracks.storage.jpa.BlobEntity;
import dev.tracks.storage.jpa.BlobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.UUID;

/**
 * The pipeline behind {@link StorageService#attach}: detect the type from a prefix, write the row
 * as pending, stream the bytes to the driver while hashing them, then mark the row active. Each
 * step that fails undoes the ones before it, so no active row lacks its object and no object
 * outlives a failed upload.
 */
@ApplicationScoped
class ServerUploads {

    private static final int BUFFER_SIZE = ContentSniffer.PREFIX_LENGTH + 1;

    @Inject
    Driver driver;

    @Inject
    BlobRepository repository;

    private final ContentSniffer sniffer = new ContentSniffer();
    private final Clock clock = Clock.systemUTC();

    Blob store(TenantId tenant, InputStream content, Filename name, String declaredContentType, AttachmentRules rules) {
        BufferedInputStream buffered = new BufferedInputStream(content, BUFFER_SIZE);
        String detected = sniffer.detect(buffered, name.value());
        rules.check(detected, 0);
        String contentType = chooseType(detected, declaredContentType);
        StorageKey key = StorageKey.forBlob(tenant, UUID.randomUUID());

        Blob pending = repository.insertPending(BlobEntity.pending(tenant, key, name.value(), contentType, 0, null, clock.instant()));
        long started = System.nanoTime();
        ChecksumInputStream hashing = ChecksumInputStream.atMost(buffered, rules.maxSize());
        storeOrDiscard(pending, hashing, contentType);
        Blob active = activateOrDelete(pending, hashing);

        StorageEvents.uploaded(key, driver.name(), active.byteSize(), (System.nanoTime() - started) / 1_000_000);
        return active;
    }

    // A store can keep the bytes yet report a failure, as when a retried write finds the first
    // attempt's object. The key is a random UUID drawn for this upload, so no other blob owns it.
    private void storeOrDiscard(Blob pending, ChecksumInputStream content, String contentType) {
        try {
            driver.put(pending.key(), content, contentType);
        } catch (RuntimeException e) {
            deleteObject(pending.key());
            discardPending(pending);
            throw e;
        }
    }

    private Blob activateOrDelete(Blob pending, ChecksumInputStream hashing) {
        try {
            return repository.activate(pending.tenant(), pending.id(), hashing.byteSize(), hashing.checksum());
        } catch (RuntimeException e) {
            deleteObject(pending.key());
            discardPending(pending);
            throw e;
        }
    }

    private void discardPending(Blob pending) {
        try {
            repository.discardPending(pending.tenant(), pending.id());
        } catch (RuntimeException e) {
            StorageEvents.cleanupFailed("pending row of failed upload", pending.key(), driver.name(), e);
        }
    }

    private void deleteObject(StorageKey key) {
        long started = System.nanoTime();
        try {
            driver.delete(key);
        } catch (StorageException e) {
            StorageEvents.cleanupFailed("object of failed upload", key, driver.name(), e);
            return;
        }

        StorageEvents.deleted(key, driver.name(), (System.nanoTime() - started) / 1_000_000);
    }

    // The declared type names content Tika cannot identify, unless that type has a byte
    // signature the content lacks: random bytes declared as image/png stay octet-stream.
    private String chooseType(String detected, String declared) {
        if (!"application/octet-stream".equals(detected) || declared == null) {
            return detected;
        }
        return MediaTypes.parse(declared).filter(type -> !sniffer.hasSignature(type)).orElse(detected);
    }
}
