package dev.tracks.storage.it;

import static dev.tracks.storage.it.support.Transactions.committed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.Blob;
import dev.tracks.storage.Driver;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.driver.disk.DiskDriver;
import dev.tracks.storage.it.app.Gadget;
import dev.tracks.storage.it.app.Gadgets;
import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.Transactions;
import dev.tracks.storage.service.Attachments;
import dev.tracks.storage.service.DirectUploadRequest;
import dev.tracks.storage.service.DirectUploads;
import dev.tracks.storage.service.StorageService;
import dev.tracks.storage.service.Sweeper;
import dev.tracks.storage.tenant.TenantContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Sweeper#sweep} inside Liberty with a chosen "now": 25 hours ahead makes the blobs just
 * created older than the default pending time to live and unattached grace period (24 hours
 * each), 1 hour ahead keeps them young. The scheduled sweep runs hourly and plays no part.
 *
 * <p>The sweeper sweeps every tenant, so each test first sweeps 25 hours ahead to remove what other
 * test classes left behind, and then counts only blobs it created itself.
 */
@ExtendWith(ArquillianExtension.class)
class SweeperIT {

    private static final TenantId ACME = new TenantId("acme");
    private static final Duration BEYOND_GRACE = Duration.ofHours(25);
    private static final Duration WITHIN_GRACE = Duration.ofHours(1);

    @Inject
    Sweeper sweeper;

    @Inject
    DirectUploads directUploads;

    @Inject
    Attachments attachments;

    @Inject
    StorageService storage;

    @Inject
    Gadgets gadgets;

    @Inject
    TenantContext tenants;

    @Inject
    Driver driver;

    @Deployment
    static WebArchive deployment() {
        return TestDeployment.war("sweeper-it").addClasses(BlobRows.class, SampleFiles.class, Transactions.class);
    }

    @BeforeEach
    void sweepEarlierBlobs() {
        tenants.bind(ACME);
        sweeper.sweep(Instant.now().plus(BEYOND_GRACE));
    }

    @Test
    void youngBlobsAreKept() {
        Blob pending = reserveAndStore();
        Blob unattached = storeOnServer();

        int removed = sweeper.sweep(Instant.now().plus(WITHIN_GRACE));

        assertEquals(0, removed);
        assertKept(pending);
        assertKept(unattached);
    }

    @Test
    void oldPendingAndUnattachedBlobsAreSwept() {
        Blob pending = reserveAndStore();
        Blob neverUploaded = reserve();
        Blob unattached = storeOnServer();
        Blob attached = storeAndAttach();

        int removed = sweeper.sweep(Instant.now().plus(BEYOND_GRACE));

        assertEquals(3, removed);
        assertSwept(pending);
        assertSwept(neverUploaded);
        assertSwept(unattached);
        assertKept(attached);
    }

    @Test
    void sweepIsIdempotent() {
        Blob pending = reserveAndStore();
        Blob unattached = storeOnServer();
        Instant now = Instant.now().plus(BEYOND_GRACE);

        int first = sweeper.sweep(now);
        int second = sweeper.sweep(now);

        assertEquals(2, first);
        assertEquals(0, second);
        assertSwept(pending);
        assertSwept(unattached);
    }

    @Test
    void concurrentSweepsRemoveEachBlobOnce() throws Exception {
        // More pending blobs than one batch of the sweeper, so both sweeps page through the table.
        List<Blob> sweepable = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            sweepable.add(reserve());
        }
        for (int i = 0; i < 20; i++) {
            sweepable.add(storeOnServer());
        }
        Blob attached = storeAndAttach();
        Instant now = Instant.now().plus(BEYOND_GRACE);
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CyclicBarrier start = new CyclicBarrier(2);

        Future<Integer> first = executor.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return sweeper.sweep(now);
        });
        Future<Integer> second = executor.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return sweeper.sweep(now);
        });
        int removed = first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS);

        assertEquals(sweepable.size(), removed, "first " + first.get() + ", second " + second.get());
        for (Blob blob : sweepable) {
            assertSwept(blob);
        }
        assertKept(attached);
    }

    private Blob reserve() {
        byte[] png = SampleFiles.png();
        return directUploads.reserve(new DirectUploadRequest("photo.png", "image/png", (long) png.length, SampleFiles.md5(png)),
                attachments.defaultRules()).blob();
    }

    // A direct upload whose client uploaded the file but never attached it.
    private Blob reserveAndStore() {
        Blob pending = reserve();
        driver.put(pending.key(), new ByteArrayInputStream(SampleFiles.png()), "image/png");
        return pending;
    }

    private Blob storeOnServer() {
        return storage.attach(new ByteArrayInputStream(SampleFiles.pdf()), "report.pdf", "application/pdf");
    }

    private Blob storeAndAttach() {
        Blob blob = storeOnServer();
        committed(() -> {
            Gadget gadget = gadgets.create("binder");
            attachments.attach(gadget, "documentIds", blob);
        });
        return blob;
    }

    private void assertSwept(Blob blob) {
        assertEquals(Optional.empty(), BlobRows.inServer().byId(blob.id()), "row of " + blob.key());
        assertFalse(Files.exists(fileOf(blob)), "file of " + blob.key());
    }

    private void assertKept(Blob blob) {
        assertTrue(BlobRows.inServer().byId(blob.id()).isPresent(), "row of " + blob.key());
        assertTrue(Files.exists(fileOf(blob)), "file of " + blob.key());
    }

    private Path fileOf(Blob blob) {
        return ((DiskDriver) driver).root().resolve(blob.key().value());
    }
}
