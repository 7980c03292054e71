package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tracks.storage.StorageException;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.it.app.LostResponseDriver;
import dev.tracks.storage.it.support.BlobRows;
import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StoredFiles;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.service.StorageService;
import dev.tracks.storage.tenant.TenantContext;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A store that keeps an upload's bytes yet reports the write as failed
 * ({@link LostResponseDriver}): the upload fails, and neither its row nor its object stays behind.
 */
@ExtendWith(ArquillianExtension.class)
class LostResponseIT {

    @Inject
    StorageService storage;

    @Inject
    TenantContext tenants;

    @Inject
    LostResponseDriver driver;

    @Deployment
    static WebArchive deployment() {
        return TestDeployment.war("lost-response-it")
                .addClasses(LostResponseDriver.class, BlobRows.class, BlobRows.Row.class, SampleFiles.class, StoredFiles.class);
    }

    @Test
    void failedPutLeavesNoRowAndNoObject() {
        // A tenant of its own, so "no row for this tenant" cannot be hidden by other tests' rows.
        TenantId tenant = new TenantId("lost-" + UUID.randomUUID().toString().substring(0, 8));
        Set<Path> filesBefore = StoredFiles.under(driver.root());
        tenants.bind(tenant);
        driver.loseNextResponse();

        assertThrows(StorageException.class, () -> storage.attach(new ByteArrayInputStream(SampleFiles.png()), "photo.png", null));

        assertEquals(List.of(), BlobRows.inServer().byTenant(tenant.value()));
        assertEquals(filesBefore, StoredFiles.under(driver.root()));
    }
}
